import DataLoader from "dataloader";
import type { Db } from "mongodb";
import type { Viewer } from "../../../auth/roles.js";
import type { ImportedReads } from "../../../db/imported-reads.js";
import { inKeyOrder } from "../../batch.js";
import { cpomPartyOf } from "../follow-up/party.js";
import { findCpomsSignedBy } from "../repository-cpom.js";
import { annex4DueBy, inForceDuring } from "../rules.js";
import type { Cpom } from "../types.js";
import { findReports } from "./repository.js";
import { reportId, type ReportDoc, type ReportState } from "./types.js";

/** A CPOM's place in a year's campaign, as its signatories follow it. */
export interface CampaignEntry {
  cpom: Cpom;
  year: number;
  state: ReportState | "NOT_STARTED";
  dueBy: string;
  report: ReportDoc | null;
  /** First submitted after the due date, or not submitted and the date passed. */
  late: boolean;
  /** Days past the due date: to the first submission, or to today while not submitted. */
  daysLate: number;
}

const SIGNED_BY = { SPSTI: "spstiId", DREETS: "dreetsId", CARSAT: "caisseSlug" } as const;
const DAY = 86_400_000;

/** Lateness of a report due on `dueBy` (the 30 June deadline counts whole). */
export function lateness(
  dueBy: string,
  firstSubmittedAt: Date | null,
  today: Date,
): Pick<CampaignEntry, "late" | "daysLate"> {
  const deadline = Date.parse(`${dueBy}T23:59:59.999Z`);
  const until = (firstSubmittedAt ?? today).getTime();
  const days = until > deadline ? Math.ceil((until - deadline) / DAY) : 0;
  return { late: days > 0, daysLate: days };
}

/**
 * The campaign's reads for the viewer's organisation: reports by id (one find
 * per batch, straight from the driver: requests write them), and a year's
 * campaign: every CPOM the organisation signed that was in force that year,
 * with its report's state.
 */
export function createCampaignReads(
  db: Db,
  reads: ImportedReads,
  viewer: Viewer | null,
  today = () => new Date(),
) {
  const reportById = new DataLoader<string, ReportDoc | null>(async (ids) =>
    inKeyOrder(
      ids,
      await findReports(db, ids),
      (id) => id,
      (r) => r._id,
    ),
  );
  let signed: Promise<readonly Cpom[]> | null = null;
  const signedCpoms = () => {
    const type = viewer?.org.type;
    if (!viewer || (type !== "SPSTI" && type !== "DREETS" && type !== "CARSAT")) return Promise.resolve([]);
    signed ??= findCpomsSignedBy(reads, SIGNED_BY[type], viewer.org.id);
    return signed;
  };

  return {
    reportById,
    /** The report of a CPOM the viewer signed; null for another CPOM, or when not started. */
    async report(cpom: Cpom | null, year: number): Promise<ReportDoc | null> {
      if (!cpom || !cpomPartyOf(viewer, cpom)) return null;
      return reportById.load(reportId(cpom.id, year));
    },
    /** A year's campaign for the viewer's organisation: its signed CPOMs in force that year, by SPSTI. */
    async campaign(year: number): Promise<CampaignEntry[]> {
      const cpoms = (await signedCpoms()).filter((c) => inForceDuring(c.startsOn, c.endsOn, year));
      const reports = await reportById.loadMany(cpoms.map((c) => reportId(c.id, year)));
      const now = today();
      return cpoms
        .map((cpom, i) => {
          const loaded = reports[i];
          if (loaded instanceof Error) throw loaded;
          const dueBy = annex4DueBy(year);
          return {
            cpom,
            year,
            state: loaded?.state ?? "NOT_STARTED",
            dueBy,
            report: loaded,
            ...lateness(dueBy, loaded?.firstSubmittedAt ?? null, now),
          } satisfies CampaignEntry;
        })
        .sort(
          (a, b) =>
            a.cpom.spstiId.localeCompare(b.cpom.spstiId) || a.cpom.startsOn.localeCompare(b.cpom.startsOn),
        );
    },
  };
}
export type CampaignReads = ReturnType<typeof createCampaignReads>;
