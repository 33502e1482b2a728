import type { EstablishmentScope } from "../../auth/scopes.js";
import type { Document } from "mongodb";
import type { ImportedReads } from "../../db/imported-reads.js";
import { derived } from "../../db/read-cache.js";
import { subclassesOf } from "../../domain/reference.js";
import type { SectorKey } from "../../domain/scope.js";
import { MEMBER_CELLS, unpackCell, type MemberCellDoc } from "./member-lists.js";
import type { ActivityRow, ActivityYear, Establishment, Spsti } from "./types.js";

/**
 * The only place with Mongo calls for SPSTI identity cards, activity and
 * member establishments (register by SIRET, and the list read model). Filters are built from typed keys through the fields
 * named here; projections list exactly the fields mapped.
 */
export const SERVICES = "spsti_services";
export const ACTIVITY = "spsti_activity";
export const ESTABLISHMENTS = "spsti_establishments";

type WithId = { _id: string };

/** `{_id: x}` alone is the one filter FerretDB answers without decoding the whole collection. */
export function idFilter(ids: readonly string[]): Document {
  return ids.length === 1 ? { _id: ids[0] } : { _id: { $in: [...ids] } };
}

/** `{field: x}` or `{field: {$in: xs}}`. */
export function oneOrIn(
  values: readonly (string | number)[],
): string | number | { $in: (string | number)[] } {
  return values.length === 1 ? values[0] : { $in: [...values] };
}

const SPSTI_PROJECTION = {
  name: 1,
  shortName: 1,
  region: 1,
  departements: 1,
  headquartersCity: 1,
  asOf: 1,
  salaries: 1,
  adherents: 1,
  equipes: 1,
  centres: 1,
  hasCellulePdp: 1,
  agrementFrom: 1,
  agrementTo: 1,
  staff: 1,
};

type SpstiDoc = WithId & Omit<Spsti, "id">;
type EstablishmentDoc = WithId & Omit<Establishment, "siret">;

function toSpsti({ _id, ...rest }: SpstiDoc): Spsti {
  return { id: _id, ...rest };
}

export async function findSpstis(reads: ImportedReads, ids: readonly string[]): Promise<readonly Spsti[]> {
  const docs = await reads.find<SpstiDoc>(SERVICES, idFilter(ids), { projection: SPSTI_PROJECTION });
  return derived(docs, "spsti", () => docs.map(toSpsti));
}

/** SPSTIs whose area holds at least one of these départements (null = all), by id. */
export async function findSpstisInDepartements(
  reads: ImportedReads,
  departements: readonly string[] | null,
): Promise<readonly Spsti[]> {
  const filter = departements ? { departements: { $in: [...departements] } } : {};
  const docs = await reads.find<SpstiDoc>(SERVICES, filter, {
    projection: SPSTI_PROJECTION,
    sort: { _id: 1 },
  });
  return derived(docs, "spsti", () => docs.map(toSpsti));
}

type ActivityDoc = ActivityYear & { _v?: string };

/** An activity document as a row: `_v` ("<importId>/<slice>") becomes its provenance, the import id. */
function toActivity({ _v, ...rest }: ActivityDoc): ActivityRow {
  return { ...rest, dataVersions: typeof _v === "string" ? [_v.slice(0, _v.indexOf("/"))] : [] };
}

/** Every activity year of these SPSTIs, oldest first, each with the dataset version it comes from. */
export async function findActivity(
  reads: ImportedReads,
  spstiIds: readonly string[],
): Promise<readonly ActivityRow[]> {
  const docs = await reads.find<ActivityDoc>(
    ACTIVITY,
    { spstiId: oneOrIn(spstiIds) },
    {
      projection: {
        _id: 0,
        spstiId: 1,
        year: 1,
        salaries: 1,
        adherents: 1,
        staff: 1,
        visits: 1,
        amt: 1,
        pdp: 1,
        _v: 1,
      },
      sort: { year: 1 },
    },
  );
  return derived(docs, "spsti-activity", () => docs.map(toActivity));
}

const ESTABLISHMENT_PROJECTION = {
  siret: 1,
  name: 1,
  naf5: 1,
  ctn: 1,
  headcount: 1,
  departement: 1,
  spstiId: 1,
  memberSince: 1,
};

/** The demo seed keys the register by SIRET (`_id`); imported lists carry it in `siret` (src/sources/spsti/import/establishments.ts). */
function toEstablishment({ _id, siret, ...rest }: EstablishmentDoc & { siret?: string }): Establishment {
  return { siret: siret ?? _id, ...rest };
}

/**
 * The register documents of these SIRETs, whichever field holds it: an
 * imported version cannot use the SIRET as `_id`, since the version it
 * replaces holds the same SIRETs until the switch.
 */
function siretFilter(sirets: readonly string[]): Document {
  return { $or: [idFilter(sirets), { siret: oneOrIn(sirets) }] };
}

/**
 * The viewer's row scope as Mongo conditions (src/auth/scopes.ts): its own
 * SPSTI's members, or its territory's. Null when it sees no establishment at
 * all, in which case no command is sent.
 */
export function scopeConditions(scope: EstablishmentScope): Document[] | null {
  if (scope.spstiIds?.length === 0 || scope.departements?.length === 0) return null;
  const and: Document[] = [];
  if (scope.spstiIds) and.push({ spstiId: oneOrIn(scope.spstiIds) });
  if (scope.departements) and.push({ departement: oneOrIn(scope.departements) });
  return and;
}

function withScope(filter: Document, scoped: Document[]): Document {
  return scoped.length === 0 ? filter : { $and: [filter, ...scoped] };
}

export async function findEstablishments(
  reads: ImportedReads,
  sirets: readonly string[],
  scope: EstablishmentScope,
): Promise<readonly Establishment[]> {
  const scoped = scopeConditions(scope);
  if (!scoped) return [];
  const docs = await reads.find<EstablishmentDoc>(ESTABLISHMENTS, withScope(siretFilter(sirets), scoped), {
    projection: ESTABLISHMENT_PROJECTION,
  });
  return derived(docs, "establishment", () => docs.map(toEstablishment));
}

/** What a list of establishments may be filtered on. */
export interface EstablishmentFilter {
  sector: SectorKey | null;
  departements: string[] | null;
  /** null = every SPSTI. */
  spstiIds: string[] | null;
}

/**
 * A coarser NAF level is matched as the list of its subclasses: the cells
 * store NAF5 and CTN only, not the five levels (one field value less to
 * decode per document on FerretDB, see member-lists.ts).
 */
function sectorCondition(sector: SectorKey): Document {
  if (sector.kind === "CTN") return { ctn: sector.code };
  if (sector.level === "SUBCLASS") return { naf5: sector.code };
  return { naf5: { $in: subclassesOf(sector.code) } };
}

/**
 * Every establishment matching the filter, in SIRET order (one query on the
 * list read model; the caller counts and cuts the page). Unpacked and sorted
 * once per cached answer (src/db/read-cache.ts `derived`): read-only.
 */
export async function findMembers(
  reads: ImportedReads,
  f: EstablishmentFilter,
  scope: EstablishmentScope,
): Promise<readonly Establishment[]> {
  const scoped = scopeConditions(scope);
  if (!scoped) return [];
  const filter: Document = f.sector ? sectorCondition(f.sector) : {};
  if (f.departements) filter.departement = oneOrIn(f.departements);
  if (f.spstiIds) filter.spstiId = oneOrIn(f.spstiIds);
  const cells = await reads.find<Omit<MemberCellDoc, "_id">>(MEMBER_CELLS, withScope(filter, scoped), {
    projection: { _id: 0, spstiId: 1, departement: 1, naf5: 1, ctn: 1, members: 1 },
  });
  return derived(cells, "members", () =>
    cells.flatMap(unpackCell).sort((a, b) => (a.siret < b.siret ? -1 : a.siret > b.siret ? 1 : 0)),
  );
}
