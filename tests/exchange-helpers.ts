import { completeSiret } from "../src/domain/identifiers.js";
import { as, type GraphQLResponse, type TestApp, type ViewerSpec } from "./helpers.js";

/** The two parties of the story and their tokens: the README's `npm run token` commands give the same claims. */
export const SSTRN: ViewerSpec = { role: "CELLULE_PDP", org: "SPSTI:sstrn", sub: "ergonome@sstrn" };
export const CARSAT: ViewerSpec = {
  role: "CARSAT_SERVICE_SOCIAL",
  org: "CARSAT:carsat-pays-de-la-loire",
  sub: "assistante-sociale@carsat-pdl",
};
export const CARSAT_ID = "carsat-pays-de-la-loire";

/** Everything a party reads back after a change. */
export const FICHE = `id ref status version direction origin { type id } recipient { type id } sentAt closedAt outcome updatedAt
  consent { givenAt how recipients { id } groups withdrawnAt } worker { pseudonym }
  job { siret poste } arret { startDate lengthBand } capacities { restrictions }
  actions { type date partner { id } } messages { id from { id } author text }`;

export const M = {
  create: `mutation ($input: CreateFicheDraftInput!) { createFicheDraft(input: $input) { ${FICHE} } }`,
  update: `mutation ($input: UpdateFicheInput!) { updateFiche(input: $input) { ${FICHE} } }`,
  consent: `mutation ($input: RecordFicheConsentInput!) { recordFicheConsent(input: $input) { ${FICHE} } }`,
  withdraw: `mutation ($input: WithdrawFicheConsentInput!) { withdrawFicheConsent(input: $input) { id status version consent { withdrawnAt } } }`,
  send: `mutation ($input: SendFicheInput!) { sendFiche(input: $input) { ${FICHE} } }`,
  acknowledge: `mutation ($input: AcknowledgeFicheInput!) { acknowledgeFiche(input: $input) { id status version } }`,
  action: `mutation ($input: AddFicheActionInput!) { addFicheAction(input: $input) { id status version actions { type date } } }`,
  message: `mutation ($input: PostFicheMessageInput!) { postFicheMessage(input: $input) { id status version messages { from { id } text } } }`,
  close: `mutation ($input: CloseFicheInput!) { closeFiche(input: $input) { id status version outcome closedAt } }`,
};
export const ONE = `query ($id: ID!) { ficheLiaison(id: $id) { ${FICHE} } }`;

const DAY = 86_400_000;
/** A calendar date `days` from today (UTC), as the API takes it. */
export const dayOffset = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
export const SIRET = completeSiret("4410000000001");

/** A complete draft input from the SSTRN to the Carsat. */
export function draftInput(key: string, extra: Record<string, unknown> = {}) {
  return {
    idempotencyKey: key,
    recipient: { type: "CARSAT", id: CARSAT_ID },
    motif: "ARRET_LONG",
    job: {
      siret: SIRET,
      naf5: "41.20A",
      poste: "coffreur-bancheur",
      contractType: "CDI",
      headcountBand: "SMALL_11_49",
    },
    arret: { startDate: dayOffset(-75), lengthBand: "D30_90J", riskType: "AT", rqth: false },
    capacities: { restrictions: ["pas de port de charges > 10 kg", "pas de travail en hauteur"] },
    ...extra,
  };
}

export const ALL_GROUPS = ["JOB", "ARRET", "CAPACITES", "ACTIONS", "MESSAGES"];

/** Calls one mutation as `who` and returns its payload, failing with the errors when there are any. */
export async function run(
  t: TestApp,
  who: ViewerSpec,
  query: string,
  input: Record<string, unknown>,
): Promise<any> {
  const res = await t.gql(query, { input }, await as(who));
  if (res.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(res.errors)}`);
  return Object.values(res.data as object)[0];
}

/** Calls one mutation as `who` and returns the whole answer (errors expected). */
export async function attempt(
  t: TestApp,
  who: ViewerSpec,
  query: string,
  input: Record<string, unknown>,
): Promise<GraphQLResponse> {
  return t.gql(query, { input }, await as(who));
}

/** A sent fiche from the SSTRN to the Carsat, with a consent covering every group; returns its last state. */
export async function sentFiche(t: TestApp, key: string, groups = ALL_GROUPS): Promise<any> {
  const draft = await run(t, SSTRN, M.create, draftInput(key));
  const consented = await run(t, SSTRN, M.consent, {
    id: draft.id,
    expectedVersion: draft.version,
    givenAt: new Date(Date.now() - 3600_000).toISOString(),
    how: "ECRIT",
    recipients: [{ type: "CARSAT", id: CARSAT_ID }],
    groups,
  });
  return run(t, SSTRN, M.send, {
    id: draft.id,
    expectedVersion: consented.version,
    recipient: { type: "CARSAT", id: CARSAT_ID },
    idempotencyKey: `${key}-send`,
  });
}
