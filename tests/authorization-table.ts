import type { Db } from "mongodb";
import type { GraphQLResponse, ViewerSpec } from "./helpers.js";

/**
 * The evidence for docs/privacy.md: every role (and no token) × every
 * sensitive field, over HTTP on the seeded database. Each cell says what the
 * viewer must get: the value, null without error (a row it may not see), or
 * null with exactly one FORBIDDEN error at that path (a field it may not see).
 */
export type Outcome = "VALUE" | "NULL" | "FORBIDDEN";

export const VIEWERS: Record<string, ViewerSpec | null> = {
  anonymous: null,
  medecin: { role: "MEDECIN_TRAVAIL", org: "SPSTI:sstrn" },
  infirmier: { role: "INFIRMIER_SANTE_TRAVAIL", org: "SPSTI:sstrn" },
  cellulePdp: { role: "CELLULE_PDP", org: "SPSTI:sstrn" },
  preventeur: { role: "PREVENTEUR", org: "SPSTI:sstrn" },
  direction: { role: "SPSTI_DIRECTION", org: "SPSTI:sstrn" },
  otherSpstiPdp: { role: "CELLULE_PDP", org: "SPSTI:OTHER" },
  otherSpstiMedecin: { role: "MEDECIN_TRAVAIL", org: "SPSTI:OTHER" },
  serviceSocial: { role: "CARSAT_SERVICE_SOCIAL", org: "CARSAT:carsat-pays-de-la-loire" },
  otherServiceSocial: { role: "CARSAT_SERVICE_SOCIAL", org: "CARSAT:carsat-bretagne" },
  ingenieurConseil: { role: "CARSAT_INGENIEUR_CONSEIL", org: "CARSAT:carsat-pays-de-la-loire" },
  otherIngenieurConseil: { role: "CARSAT_INGENIEUR_CONSEIL", org: "CARSAT:carsat-bretagne" },
  dreetsMedecin: { role: "DREETS_MEDECIN_INSPECTEUR", org: "DREETS:dreets-52" },
  dreetsIngenieur: { role: "DREETS_INGENIEUR_PREVENTION", org: "DREETS:dreets-52" },
  otherDreets: { role: "DREETS_INGENIEUR_PREVENTION", org: "DREETS:dreets-53" },
  analystNational: { role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" },
  analystRegional: { role: "ANALYST_REGIONAL", org: "DREETS:dreets-52" },
  dpo: { role: "DPO", org: "SPSTI:sstrn" },
  steward: { role: "DATA_STEWARD", org: "CARSAT:carsat-pays-de-la-loire" },
};

export interface FieldCase {
  name: string;
  query: string;
  /** Path of the checked field in `data`. */
  path: string[];
  expect: Partial<Record<keyof typeof VIEWERS, Outcome>> & { default: Outcome };
}

/** The seeded fixtures the cases name: a member establishment, fiches with and without consent, another SPSTI. */
export interface FixtureIds {
  siret: string;
  ficheShared: string;
  ficheWithdrawn: string;
  ficheMedical: string;
  otherSpsti: string;
  /** Whether the shared fiche's consent covers the arrêt group too. */
  arretShared: boolean;
}

/** Finds the fixtures in a database holding the region seed (the single process's, or the spsti and pdp subgraphs'). */
export async function fixtureIds(db: Db, pdp: Db = db): Promise<FixtureIds> {
  const establishment = await db
    .collection("spsti_establishments")
    .findOne({ spstiId: "sstrn" }, { projection: { _id: 1 } });
  // A fiche of the SSTRN sent to the Carsat with a consent naming it for the job group but not the arrêt group.
  const shared = await pdp.collection("pdp_fiches").findOne(
    {
      spstiId: "sstrn",
      "header.origin.id": "sstrn",
      "consent.recipients.id": "carsat-pays-de-la-loire",
      "consent.groups": "JOB",
      "consent.withdrawnAt": { $exists: false },
    },
    { projection: { _id: 1, consent: 1 } },
  );
  // A fiche of the SSTRN sent to the Carsat whose worker then withdrew consent: the Carsat keeps its notice only.
  const withdrawn = await pdp.collection("pdp_fiches").findOne(
    {
      spstiId: "sstrn",
      "header.origin.id": "sstrn",
      "header.recipient.id": "carsat-pays-de-la-loire",
      "header.status": { $ne: "DRAFT" },
      "consent.withdrawnAt": { $ne: null },
    },
    { projection: { _id: 1 } },
  );
  const medical = await pdp
    .collection("pdp_fiches_medical")
    .findOne({ spstiId: "sstrn" }, { projection: { _id: 1 } });
  const other = await db
    .collection("spsti_services")
    .findOne({ _id: { $ne: "sstrn" } as never }, { projection: { _id: 1 } });
  if (!establishment || !shared || !withdrawn || !medical || !other)
    throw new Error("the region seed lacks a fixture this test needs");
  return {
    siret: String(establishment._id),
    ficheShared: String(shared._id),
    ficheWithdrawn: String(withdrawn._id),
    ficheMedical: String(medical._id),
    otherSpsti: String(other._id),
    arretShared: (shared.consent as { groups: string[] }).groups.includes("ARRET"),
  };
}

const SPSTI_CARE = { medecin: "VALUE", infirmier: "VALUE", cellulePdp: "VALUE" } as const;
const CPOM_PARTIES = {
  ingenieurConseil: "VALUE",
  dreetsMedecin: "VALUE",
  dreetsIngenieur: "VALUE",
  preventeur: "VALUE",
  direction: "VALUE",
  ...SPSTI_CARE,
} as const;

/** The cases of the matrix, over the seeded fixtures. */
export const CASES = (ids: FixtureIds): FieldCase[] => [
  {
    name: "public sinistralité (open data)",
    query: `{ sinistralite(sector: { naf: "41" }, years: { from: 2024, to: 2024 }) { year } }`,
    path: ["sinistralite"],
    expect: { default: "VALUE" },
  },
  {
    name: "partner aggregate: SPSTI identity cards",
    query: `{ spstis { id } }`,
    path: ["spstis"],
    expect: { default: "VALUE", anonymous: "FORBIDDEN", steward: "FORBIDDEN" },
  },
  {
    name: "partner aggregate: annex-4 table",
    query: `{ annex4(year: 2024) { theme } }`,
    path: ["annex4"],
    expect: { default: "VALUE", anonymous: "FORBIDDEN", steward: "FORBIDDEN" },
  },
  {
    name: "establishment-level: an SSTRN member",
    query: `{ establishment(siret: "${ids.siret}") { name } }`,
    path: ["establishment"],
    expect: {
      default: "FORBIDDEN",
      ...CPOM_PARTIES,
      otherSpstiPdp: "NULL",
      otherSpstiMedecin: "NULL",
      otherIngenieurConseil: "NULL",
      otherDreets: "NULL",
    },
  },
  {
    name: "establishment-level: its own accident counts (CPOM parties)",
    query: `{ establishments(spsti: "sstrn", first: 1) { nodes { accidents { year } } } }`,
    path: ["establishments"],
    expect: {
      default: "FORBIDDEN",
      ...CPOM_PARTIES,
      otherSpstiPdp: "VALUE",
      otherSpstiMedecin: "VALUE",
      otherIngenieurConseil: "VALUE",
      otherDreets: "VALUE",
    },
  },
  {
    name: "fiche admin group",
    query: `{ ficheLiaison(id: "${ids.ficheShared}") { ref status } }`,
    path: ["ficheLiaison"],
    expect: {
      default: "FORBIDDEN",
      ...SPSTI_CARE,
      serviceSocial: "VALUE",
      otherServiceSocial: "NULL",
      otherSpstiPdp: "NULL",
      otherSpstiMedecin: "NULL",
    },
  },
  {
    name: "fiche consent-scoped group the worker shared (job)",
    query: `{ ficheLiaison(id: "${ids.ficheShared}") { job { poste } } }`,
    path: ["ficheLiaison", "job"],
    expect: {
      default: "FORBIDDEN",
      ...SPSTI_CARE,
      serviceSocial: "VALUE",
      otherServiceSocial: "NULL",
      otherSpstiPdp: "NULL",
      otherSpstiMedecin: "NULL",
    },
  },
  {
    name: "fiche consent-scoped group (arrêt): only if the consent names it",
    query: `{ ficheLiaison(id: "${ids.ficheShared}") { arret { lengthBand } } }`,
    path: ["ficheLiaison", "arret"],
    expect: {
      default: "FORBIDDEN",
      ...SPSTI_CARE,
      serviceSocial: ids.arretShared ? "VALUE" : "FORBIDDEN",
      otherServiceSocial: "NULL",
      otherSpstiPdp: "NULL",
      otherSpstiMedecin: "NULL",
    },
  },
  {
    name: "fiche admin group after the worker withdrew consent: its SPSTI only, the Carsat no longer has the fiche",
    query: `{ ficheLiaison(id: "${ids.ficheWithdrawn}") { ref status } }`,
    path: ["ficheLiaison"],
    expect: {
      default: "FORBIDDEN",
      ...SPSTI_CARE,
      serviceSocial: "NULL",
      otherServiceSocial: "NULL",
      otherSpstiPdp: "NULL",
      otherSpstiMedecin: "NULL",
    },
  },
  {
    name: "withdrawn consent's other recipients and groups: its SPSTI only",
    query: `{ ficheLiaison(id: "${ids.ficheWithdrawn}") { consent { recipients { id } groups givenAt withdrawnAt } } }`,
    path: ["ficheLiaison", "consent", "recipients"],
    expect: {
      default: "FORBIDDEN",
      ...SPSTI_CARE,
      serviceSocial: "NULL",
      otherServiceSocial: "NULL",
      otherSpstiPdp: "NULL",
      otherSpstiMedecin: "NULL",
    },
  },
  {
    name: "withdrawn fiche's worker pseudonym: its SPSTI only",
    query: `{ ficheLiaison(id: "${ids.ficheWithdrawn}") { worker { pseudonym } } }`,
    path: ["ficheLiaison", "worker", "pseudonym"],
    expect: {
      default: "FORBIDDEN",
      ...SPSTI_CARE,
      serviceSocial: "NULL",
      otherServiceSocial: "NULL",
      otherSpstiPdp: "NULL",
      otherSpstiMedecin: "NULL",
    },
  },
  {
    name: "withdrawal notices (id, ref, recipient, date): the roles that read fiches",
    query: `{ consentWithdrawals(first: 1) { nodes { id ref recipient { id } withdrawnAt } } }`,
    path: ["consentWithdrawals"],
    expect: {
      default: "FORBIDDEN",
      ...SPSTI_CARE,
      serviceSocial: "VALUE",
      otherServiceSocial: "VALUE",
      otherSpstiPdp: "VALUE",
      otherSpstiMedecin: "VALUE",
    },
  },
  {
    // STVO's previous CPOM, whose final bilan the seed wrote: its parties are STVO, dreets-52 and the Carsat Pays de la Loire.
    name: "CPOM follow-up (a final bilan): the roles of CPOM_FOLLOW_UP, for the parties to that CPOM only",
    query: `{ cpom(id: "cpom-stvo-2019") { finalBilan { id summary } } }`,
    path: ["cpom", "finalBilan"],
    expect: {
      default: "FORBIDDEN",
      medecin: "NULL",
      preventeur: "NULL",
      direction: "NULL",
      otherSpstiMedecin: ids.otherSpsti === "stvo" ? "VALUE" : "NULL",
      ingenieurConseil: "VALUE",
      otherIngenieurConseil: "NULL",
      dreetsMedecin: "VALUE",
      dreetsIngenieur: "VALUE",
      otherDreets: "NULL",
    },
  },
  {
    name: "fiche medical group: the owning SPSTI's médecin du travail only",
    query: `{ ficheLiaison(id: "${ids.ficheMedical}") { medical { pathologyGroup } } }`,
    path: ["ficheLiaison", "medical"],
    expect: {
      default: "FORBIDDEN",
      medecin: "VALUE",
      otherSpstiPdp: "NULL",
      otherSpstiMedecin: "NULL",
      otherServiceSocial: "NULL",
    },
  },
];

/**
 * What a response gives for a path, checked strictly. A denial may sit on
 * the field or on an ancestor (a whole fiche denied): either way there must
 * be exactly one FORBIDDEN error, at a prefix of the path, whose value is
 * null. A row the viewer may not see is a null (or absent) value with no error.
 */
export function outcomeOf(res: GraphQLResponse, path: string[]): Outcome | string {
  const errors = res.errors ?? [];
  const atOrAbove = errors.filter((e) => e.path && path.join(".").startsWith(e.path.join(".")));
  if (errors.length > atOrAbove.length) return `unexpected errors: ${JSON.stringify(errors)}`;
  if (
    atOrAbove.length === 1 &&
    atOrAbove[0].extensions?.code === "FORBIDDEN" &&
    valueAt(res.data, atOrAbove[0].path as string[]) === null
  )
    return "FORBIDDEN";
  if (atOrAbove.length) return `errors: ${JSON.stringify(atOrAbove)}`;
  const value = valueAt(res.data, path);
  return value === null || value === undefined ? "NULL" : "VALUE";
}

export function valueAt(data: unknown, path: string[]): unknown {
  let value = data;
  for (const key of path) value = value == null ? undefined : (value as Record<string, unknown>)[key];
  return value;
}
