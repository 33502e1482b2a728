/**
 * The operations of the pdp-exchange workload (bench/pdp-workload.ts), as a
 * client of each party would send them: what it reads back is what it needs
 * next (the version for the next change, the state, the groups it works on).
 * Their hand-written twins: bench/baseline/pdp*.ts.
 */

const ORG = "{ type id }";
/** The groups the service social works on once it takes a fiche on. */
const CONTENT = `job { siret naf5 poste contractType headcountBand } arret { startDate lengthBand riskType rqth } capacities { restrictions }`;

export const PDP_QUERIES = {
  /**
   * The service social's new fiches: the administrative level (never refused
   * to the recipient) and the job group, which every consent of the seed
   * covers (seeds/pdp-fiche.ts) and the bench's own consents too. The other
   * groups are covered by some consents only, and a refused field is an
   * error, i.e. a failed request. A sent fiche whose consent was withdrawn
   * would fail the run loudly: neither cached seed has one.
   */
  inbox: `query Inbox {
  inbox(status: [SENT], first: 50) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id ref status version direction motif sentAt updatedAt origin ${ORG} worker { pseudonym }
      consent { givenAt how groups withdrawnAt }
      job { siret naf5 poste contractType headcountBand }
    }
  }
}`,
  create: `mutation CreateDraft($input: CreateFicheDraftInput!) {
  createFicheDraft(input: $input) {
    id ref status version direction motif createdAt updatedAt sentAt origin ${ORG} recipient ${ORG} worker { pseudonym } consent { givenAt } ${CONTENT}
  }
}`,
  consent: `mutation RecordConsent($input: RecordFicheConsentInput!) {
  recordFicheConsent(input: $input) { id status version updatedAt consent { givenAt how recipients ${ORG} groups withdrawnAt } }
}`,
  send: `mutation Send($input: SendFicheInput!) {
  sendFiche(input: $input) { id status version sentAt updatedAt direction recipient ${ORG} }
}`,
  acknowledge: `mutation Acknowledge($input: AcknowledgeFicheInput!) {
  acknowledgeFiche(input: $input) {
    id ref status version updatedAt motif origin ${ORG} worker { pseudonym } consent { groups withdrawnAt } ${CONTENT}
  }
}`,
  action: `mutation AddAction($input: AddFicheActionInput!) {
  addFicheAction(input: $input) { id status version updatedAt actions { type date partner ${ORG} } }
}`,
  message: `mutation PostMessage($input: PostFicheMessageInput!) {
  postFicheMessage(input: $input) { id status version updatedAt messages { id at from ${ORG} author text } }
}`,
  close: `mutation Close($input: CloseFicheInput!) {
  closeFiche(input: $input) { id status version outcome closedAt updatedAt }
}`,
};
