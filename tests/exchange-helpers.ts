import type { ResultOf, TypedDocumentNode } from "@graphql-typed-document-node/core";
import { getOperationAST, print } from "graphql";
import { completeSiret } from "../src/domain/identifiers.js";
import { as, type GraphQLResponse, type TestApp, type ViewerSpec } from "./helpers.js";
import { graphql } from "./generated/index.js";
import type { ConsentGroup, CreateFicheDraftInput, FicheJobInput } from "./generated/graphql.js";

/** The two parties of the story and their tokens: the README's `npm run token` commands give the same claims. */
export const SSTRN: ViewerSpec = { role: "CELLULE_PDP", org: "SPSTI:sstrn", sub: "ergonome@sstrn" };
export const CARSAT: ViewerSpec = {
  role: "CARSAT_SERVICE_SOCIAL",
  org: "CARSAT:carsat-pays-de-la-loire",
  sub: "assistante-sociale@carsat-pdl",
};
export const CARSAT_ID = "carsat-pays-de-la-loire";

/** Everything a party reads back after a change. */
graphql(`fragment ExchangeFiche on FicheLiaison {
  id ref status version direction origin { type id } recipient { type id } sentAt closedAt outcome updatedAt
  consent { givenAt how recipients { id } groups withdrawnAt } worker { pseudonym }
  job { siret poste } arret { startDate lengthBand } capacities { restrictions }
  actions { type date partner { id } } messages { id from { id } author text }
}`);

export const M = {
  create: graphql(
    `mutation ExchangeCreate($input: CreateFicheDraftInput!) { createFicheDraft(input: $input) { ...ExchangeFiche } }`,
  ),
  update: graphql(
    `mutation ExchangeUpdate($input: UpdateFicheInput!) { updateFiche(input: $input) { ...ExchangeFiche } }`,
  ),
  consent: graphql(
    `mutation ExchangeConsent($input: RecordFicheConsentInput!) { recordFicheConsent(input: $input) { ...ExchangeFiche } }`,
  ),
  withdraw: graphql(
    `mutation ExchangeWithdraw($input: WithdrawFicheConsentInput!) { withdrawFicheConsent(input: $input) { id status version consent { withdrawnAt } } }`,
  ),
  send: graphql(
    `mutation ExchangeSend($input: SendFicheInput!) { sendFiche(input: $input) { ...ExchangeFiche } }`,
  ),
  acknowledge: graphql(
    `mutation ExchangeAcknowledge($input: AcknowledgeFicheInput!) { acknowledgeFiche(input: $input) { id status version } }`,
  ),
  action: graphql(
    `mutation ExchangeAction($input: AddFicheActionInput!) { addFicheAction(input: $input) { id status version actions { type date } } }`,
  ),
  message: graphql(
    `mutation ExchangeMessage($input: PostFicheMessageInput!) { postFicheMessage(input: $input) { id status version messages { from { id } text } } }`,
  ),
  close: graphql(
    `mutation ExchangeClose($input: CloseFicheInput!) { closeFiche(input: $input) { id status version outcome closedAt } }`,
  ),
};
export const ONE = graphql(`query ExchangeOne($id: ID!) { ficheLiaison(id: $id) { ...ExchangeFiche } }`);

/** One of the exchange's mutations (`M`): each takes one `input`. */
export type FicheMutation = (typeof M)[keyof typeof M];
/** The operation name of a document, to label an assertion. */
export const nameOf = (document: TypedDocumentNode<unknown, never>) =>
  getOperationAST(document)?.name?.value ?? "anonymous";

const DAY = 86_400_000;
/** A calendar date `days` from today (UTC), as the API takes it. */
export const dayOffset = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
export const SIRET = completeSiret("4410000000001");

/** The job of every draft: `{ ...JOB, poste }` to change one field. */
export const JOB: FicheJobInput = {
  siret: SIRET,
  naf5: "41.20A",
  poste: "coffreur-bancheur",
  contractType: "CDI",
  headcountBand: "SMALL_11_49",
};

/** A complete draft input from the SSTRN to the Carsat. */
export function draftInput(key: string, extra: Partial<CreateFicheDraftInput> = {}) {
  return {
    idempotencyKey: key,
    recipient: { type: "CARSAT", id: CARSAT_ID },
    motif: "ARRET_LONG",
    job: JOB,
    arret: { startDate: dayOffset(-75), lengthBand: "D30_90J", riskType: "AT", rqth: false },
    capacities: { restrictions: ["pas de port de charges > 10 kg", "pas de travail en hauteur"] },
    ...extra,
  } satisfies CreateFicheDraftInput;
}

export const ALL_GROUPS: ConsentGroup[] = ["JOB", "ARRET", "CAPACITES", "ACTIONS", "MESSAGES"];

/**
 * Calls one mutation as `who` and returns its payload (the mutation field's value), failing with the errors
 * when there are any, or when the payload is null.
 */
export async function run<R, I>(
  t: TestApp,
  who: ViewerSpec,
  mutation: TypedDocumentNode<R, { input: I }>,
  input: NoInfer<I>,
): Promise<NonNullable<R[keyof R]>> {
  const res = await t.gql(mutation, { input }, await as(who));
  if (res.errors) throw new Error(`${nameOf(mutation)}: ${JSON.stringify(res.errors)}`);
  const payload = Object.values(res.data as object)[0] as R[keyof R];
  if (payload == null) throw new Error(`${nameOf(mutation)}: no payload`);
  return payload;
}

/**
 * Calls one mutation as `who` and returns the whole answer (errors expected). The input is any JSON object:
 * attempts send what the schema or the exchange's rules refuse (a bad enum, a foreign recipient...).
 */
export async function attempt<D extends TypedDocumentNode<unknown, never>>(
  t: TestApp,
  who: ViewerSpec,
  mutation: D,
  input: Record<string, unknown>,
): Promise<GraphQLResponse<ResultOf<D>>> {
  return t.gql<ResultOf<D>>(print(mutation), { input }, await as(who));
}

/** A sent fiche from the SSTRN to the Carsat, with a consent covering every group; returns its last state. */
export async function sentFiche(t: TestApp, key: string, groups = ALL_GROUPS) {
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
