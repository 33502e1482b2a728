import { annex4DueBy } from "../rules.js";
import type { Cpom } from "../types.js";
import { reportId, type ReportChange, type ReportDoc, type ReportRow } from "./types.js";

/** A new report as its first save makes it (DRAFT, version 1); the demo seed builds its reports with it too. */
export function newReport(
  cpom: Pick<Cpom, "id" | "spstiId" | "dreetsId" | "caisseSlug" | "signedOn" | "endsOn">,
  year: number,
  rows: ReportRow[],
  first: ReportChange,
): ReportDoc {
  return {
    _id: reportId(cpom.id, year),
    cpomId: cpom.id,
    spstiId: cpom.spstiId,
    dreetsId: cpom.dreetsId,
    caisseSlug: cpom.caisseSlug,
    year,
    cpomSignedOn: cpom.signedOn,
    cpomEndsOn: cpom.endsOn,
    dueBy: annex4DueBy(year),
    state: "DRAFT",
    version: 1,
    rows,
    createdAt: first.at,
    updatedAt: first.at,
    submittedAt: null,
    firstSubmittedAt: null,
    validatedAt: null,
    reviews: {},
    history: [first],
    idem: {},
  };
}
