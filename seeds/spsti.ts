import { REPORTS } from "./spsti-annex4.js";
import { MEMBER_CELLS, packCells } from "../src/sources/spsti/member-lists.js";
import { insertChunked, type SeedContext } from "./context.js";
import { activityOf } from "./spsti-activity.js";
import { cpomsOf } from "./spsti-cpom.js";
import { BILANS, VALUES, followUpOf } from "./spsti-follow-up.js";
import { establishmentsOf, type EstablishmentDoc } from "./spsti-establishments.js";
import { seedSpstis, type SeedSpsti } from "./spsti-services.js";

/**
 * Member establishments per scale. They are a sample of each SPSTI's
 * adhérents (SSTRN has 25,475; the identity card keeps the real count): at
 * region scale 2,500 across the three SPSTIs of Pays de la Loire, at national
 * scale about 30,000. FerretDB decodes every document on each query, so the
 * region scale stays small enough for lists to answer in a fraction of a second.
 */
const REGION_COUNTS: Record<string, number> = { sstrn: 1_300, stam: 800, stvo: 400 };
const NATIONAL_TOTAL = 30_000;

function establishmentCounts(spstis: SeedSpsti[]): Map<string, number> {
  const counts = new Map<string, number>();
  const others = spstis.filter((s) => !(s.doc._id in REGION_COUNTS));
  const fixed = Object.values(REGION_COUNTS).reduce((a, b) => a + b, 0);
  const salaries = others.reduce((a, s) => a + s.doc.salaries, 0);
  for (const s of spstis) {
    counts.set(
      s.doc._id,
      REGION_COUNTS[s.doc._id] ??
        Math.max(60, Math.round(((NATIONAL_TOTAL - fixed) * s.doc.salaries) / salaries)),
    );
  }
  return counts;
}

/**
 * Seeds the spsti source: identity cards, yearly activity, member
 * establishments (register by SIRET + list read model), CPOMs with their fiches actions, and annexe-4 rows. Runs
 * first: fills `ctx.shared` with the SPSTIs and establishments that the
 * Carsat and PDP seeds point at. Returns the number of documents written.
 */
export async function seedSpsti(ctx: SeedContext): Promise<number> {
  const rng = ctx.rng;
  const spstis = seedSpstis(rng.fork("services"), ctx.scale);
  const counts = establishmentCounts(spstis);
  const taken = new Set<string>();
  const establishments: EstablishmentDoc[] = [];
  const estRng = rng.fork("establishments");
  for (const s of spstis)
    establishments.push(
      ...establishmentsOf(
        estRng,
        { id: s.doc._id, departements: s.doc.departements, weights: s.weights },
        counts.get(s.doc._id)!,
        taken,
      ),
    );
  establishments.sort((a, b) => (a._id < b._id ? -1 : 1));
  const cells = packCells(establishments.map(({ _id, ...rest }) => ({ siret: _id, ...rest })));

  const actRng = rng.fork("activity");
  const cpomRng = rng.fork("cpoms");
  const activity = spstis.flatMap((s) => activityOf(actRng, s.doc));
  const cpomParts = spstis.map((s) => cpomsOf(cpomRng, s));

  ctx.shared.spstis = spstis.map((s) => ({
    id: s.doc._id,
    region: s.doc.region,
    departements: s.doc.departements,
  }));
  ctx.shared.establishments = establishments.map((e) => ({
    siret: e._id,
    naf5: e.naf5,
    departement: e.departement,
    spstiId: e.spstiId,
    headcount: e.headcount,
  }));

  let written = 0;
  written += await insertChunked(
    ctx,
    "spsti_services",
    spstis.map((s) => s.doc),
  );
  written += await insertChunked(ctx, "spsti_activity", activity);
  written += await insertChunked(ctx, "spsti_establishments", establishments);
  written += await insertChunked(ctx, MEMBER_CELLS, cells);
  written += await insertChunked(
    ctx,
    "spsti_cpoms",
    cpomParts.flatMap((p) => p.cpoms),
  );
  written += await insertChunked(
    ctx,
    "spsti_cpom_actions",
    cpomParts.flatMap((p) => p.actions),
  );
  written += await insertChunked(
    ctx,
    REPORTS,
    cpomParts.flatMap((p) => p.reports),
  );
  // The CPOM follow-up (declared values, bilans, a comment): written by requests afterwards, never imported.
  const followRng = rng.fork("follow-up");
  const followUp = spstis.map((s, i) =>
    followUpOf(followRng, { id: s.doc._id, region: s.doc.region }, cpomParts[i].cpoms, cpomParts[i].actions),
  );
  written += await insertChunked(
    ctx,
    VALUES,
    followUp.flatMap((f) => f.values),
  );
  written += await insertChunked(
    ctx,
    BILANS,
    followUp.flatMap((f) => f.bilans),
  );
  return written;
}
