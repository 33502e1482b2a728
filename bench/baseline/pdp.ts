import type { Context } from "../../src/context.js";
import type { DataGroup } from "../../src/auth/roles.js";
import { forbidden } from "../../src/errors.js";
import { toConnection } from "../../src/graphql/pagination.js";
import { ficheCursorKey } from "../../src/sources/pdp/read/mapping.js";
import type { FichePage } from "../../src/sources/pdp/loaders.js";
import type {
  Fiche,
  FicheArret,
  FicheCapacities,
  FicheJob,
  OrgRef,
  SharedGroup,
  SharedGroups,
} from "../../src/sources/pdp/types.js";
import { all, type Handler } from "./handler.js";
import { auditDocs, listRead } from "./pdp-audit.js";

/**
 * Hand-written twin of the service social's inbox (bench/pdp-queries.ts), and
 * what the exchange twins (pdp-mutations.ts) share: the role and per-fiche
 * checks of the enforcement point, called by hand (src/auth/access.ts), and
 * the consent-scoped groups read as FicheLiaison's resolvers read them.
 */

/** The viewer's role must give `group` for a root field, as @access checks it; a refusal fails the request. */
export function allowRoot(
  ctx: Context,
  group: DataGroup,
  typeName: "Query" | "Mutation",
  field: string,
): void {
  const why = ctx.access.denial(group, typeName, field, undefined);
  if (why) throw forbidden(why);
}

/** A FicheLiaison field of a consent-scoped group, and the storage group it reads (resolvers/pdp.ts). */
export const GROUP_OF = {
  job: "JOB",
  arret: "ARRET",
  capacities: "CAPACITIES",
  actions: "ACTIONS",
  messages: "MESSAGES",
} as const;
export type GroupField = keyof typeof GROUP_OF;
type Groups = { [F in GroupField]?: SharedGroups[(typeof GROUP_OF)[F]] | null };

/**
 * The consent-scoped `fields` of each fiche, as the resolvers get them: the
 * per-fiche rule first (a refusal fails the request: a baseline never
 * answers partial data), then the value already on the fiche (the owner's
 * page projects it) or else one batch of the group loader for every fiche and
 * field, as graphql-js resolves sibling fields in one tick.
 */
export async function sharedGroups(ctx: Context, fiches: Fiche[], fields: GroupField[]): Promise<Groups[]> {
  const keys: { id: string; group: SharedGroup; status: string }[] = [];
  for (const f of fiches) {
    for (const field of fields) {
      const why = ctx.access.denial("FICHE_CONSENT", "FicheLiaison", field, f);
      if (why) throw forbidden(why);
      // With the fiche's status, as resolvers/pdp.ts asks: the same narrowed read (fiche-loaders.ts).
      if (f[field] === undefined) keys.push({ id: f.id, group: GROUP_OF[field], status: f.status });
    }
  }
  const loaded = await all(ctx.loaders.pdp.ficheGroup, keys);
  let next = 0;
  return fiches.map(
    (f) =>
      Object.fromEntries(
        fields.map((field) => [field, f[field] !== undefined ? f[field] : loaded[next++]]),
      ) as Groups,
  );
}

export const org = (o: OrgRef | null) => (o ? { type: o.type, id: o.id } : null);
export const job = (j: FicheJob | null | undefined) =>
  j
    ? {
        siret: j.siret,
        naf5: j.naf5,
        poste: j.poste,
        contractType: j.contractType,
        headcountBand: j.headcountBand,
      }
    : null;
export const arret = (a: FicheArret | null | undefined) =>
  a ? { startDate: a.startDate, lengthBand: a.lengthBand, riskType: a.riskType, rqth: a.rqth } : null;
export const capacities = (c: FicheCapacities | null | undefined) =>
  c ? { restrictions: [...c.restrictions] } : null;

/** The inbox's key, as resolvers/pdp-exchange.ts builds it from `inbox(status: [SENT], first: 50)`. */
const FIRST = 50;
const inboxKey = (ctx: Context) => ({
  status: ["SENT"],
  updatedSince: null,
  limit: FIRST,
  after: null,
  groups: ctx.access.prefetchFicheGroups ? (["JOB"] as SharedGroup[]) : [],
});

interface InboxData {
  page: FichePage;
  nodes: Fiche[];
  groups: Groups[];
}

export const inbox: Handler<InboxData> = {
  async fetch(ctx) {
    allowRoot(ctx, "FICHE_ADMIN", "Query", "inbox");
    const page = await ctx.loaders.pdp.inboxPage.load(inboxKey(ctx));
    const nodes = page.rows.slice(0, FIRST);
    return { page, nodes, groups: await sharedGroups(ctx, nodes, ["job"]) };
  },
  build({ page, nodes, groups }) {
    const { pageInfo } = toConnection(page.rows, FIRST, ficheCursorKey);
    const out = nodes.map((f, i) => ({
      id: f.id,
      ref: f.ref,
      status: f.status,
      version: f.version,
      direction: f.direction,
      motif: f.motif,
      sentAt: f.sentAt,
      updatedAt: f.updatedAt,
      origin: org(f.origin),
      worker: f.worker ? { pseudonym: f.worker.pseudonym } : null,
      consent: f.consent
        ? {
            givenAt: f.consent.givenAt,
            how: f.consent.how,
            groups: [...f.consent.groups],
            withdrawnAt: f.consent.withdrawnAt,
          }
        : null,
      job: job(groups[i].job),
    }));
    return { inbox: { totalCount: page.totalCount, pageInfo, nodes: out } };
  },
  audit(ctx, { nodes }, built) {
    return auditDocs(
      ctx,
      "Inbox",
      listRead("inbox", nodes, (built as { inbox: { nodes: unknown[] } }).inbox),
    );
  },
};
