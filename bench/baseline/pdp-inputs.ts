import { DateScalar, DateTime, NafCode, Siret } from "../../src/graphql/scalars.js";
import { InputValueError } from "../../src/errors.js";
import type * as I from "../../src/sources/pdp/exchange/inputs.js";

/**
 * The `input` of each exchange mutation, checked and coerced as GraphQL does
 * before the resolver sees it (schema/pdp-exchange.graphql): required fields,
 * types, enum values, and the custom scalars through their own parsers
 * (`41.20A` → `4120A`, a DateTime → its ISO form). The exchange's own rules
 * (src/sources/pdp/exchange*.ts) run after, on the same values as Passerelle's.
 */

type Parse<T> = (v: unknown, path: string) => T;
type Json = Record<string, unknown>;

const fail = (path: string, what: string): never => {
  throw new InputValueError(`${path} must be ${what}`);
};
const obj: Parse<Json> = (v, path) =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : fail(path, "an object");
const str: Parse<string> = (v, path) => (typeof v === "string" ? v : fail(path, "a string"));
const id: Parse<string> = (v, path) =>
  typeof v === "string" ? v : Number.isInteger(v) ? String(v) : fail(path, "an ID");
const int: Parse<number> = (v, path) =>
  Number.isInteger(v) && Math.abs(v as number) < 2 ** 31 ? (v as number) : fail(path, "an Int");
const bool: Parse<boolean> = (v, path) => (typeof v === "boolean" ? v : fail(path, "a Boolean"));
const scalar =
  (s: { parseValue(v: unknown): unknown }): Parse<string> =>
  (v) =>
    s.parseValue(v) as string;
const oneOf =
  <T extends string>(...values: T[]): Parse<T> =>
  (v, path) =>
    values.includes(v as T) ? (v as T) : fail(path, `one of ${values.join(", ")}`);
const list =
  <T>(item: Parse<T>): Parse<T[]> =>
  (v, path) =>
    Array.isArray(v) ? v.map((x, i) => item(x, `${path}.${i}`)) : [item(v, path)];
const opt =
  <T>(p: Parse<T>): Parse<T | null | undefined> =>
  (v, path) =>
    v == null ? (v as null | undefined) : p(v, path);

/** An input object: each field parsed, absent optional fields left out (as graphql-js does). */
function shape<T>(fields: Record<string, Parse<unknown>>): Parse<T> {
  return (v, path) => {
    const o = obj(v, path);
    for (const k of Object.keys(o)) if (!(k in fields)) fail(`${path}.${k}`, "a field of the input");
    const out: Json = {};
    for (const [k, p] of Object.entries(fields)) {
      const value = p(o[k], `${path}.${k}`);
      if (value !== undefined) out[k] = value;
    }
    return out as T;
  };
}

const org = shape<I.CreateDraftInput["recipient"]>({
  type: oneOf("SPSTI", "CARSAT", "CPAM", "DREETS", "CAP_EMPLOI", "MDPH", "COMETE", "NATIONAL"),
  id,
});
const job = shape<I.JobInput>({
  siret: scalar(Siret),
  naf5: scalar(NafCode),
  poste: str,
  contractType: oneOf("CDI", "CDD", "INTERIM", "APPRENTISSAGE", "AUTRE"),
  headcountBand: oneOf("MICRO_LT_11", "SMALL_11_49", "MEDIUM_50_249", "LARGE_250_PLUS"),
});
const arret = shape<I.ArretInput>({
  startDate: scalar(DateScalar),
  lengthBand: oneOf("LT_30J", "D30_90J", "D90J_6M", "GT_6M"),
  riskType: oneOf("MALADIE", "AT", "MP"),
  rqth: bool,
});
const motif = oneOf(
  "ARRET_LONG",
  "ARRETS_REPETES",
  "RISQUE_INAPTITUDE",
  "RESTRICTIONS_DURABLES",
  "PROJET_RECONVERSION",
  "DEMANDE_SALARIE",
);
const versioned = { id, expectedVersion: int };

const parsers = {
  create: shape<I.CreateDraftInput>({
    idempotencyKey: str,
    recipient: org,
    motif,
    workerPseudonym: opt(id),
    job: opt(job),
    arret: opt(arret),
    capacities: opt(shape<I.CapacitiesInput>({ restrictions: list(str) })),
  }),
  consent: shape<I.ConsentInput>({
    ...versioned,
    givenAt: scalar(DateTime),
    how: oneOf("ECRIT", "ORAL_TRACE", "ELECTRONIQUE"),
    recipients: list(org),
    groups: list(oneOf("JOB", "ARRET", "CAPACITES", "ACTIONS", "MESSAGES")),
  }),
  send: shape<I.SendInput>({ ...versioned, recipient: org, idempotencyKey: str }),
  acknowledge: shape<I.VersionedInput>(versioned),
  action: shape<I.ActionInput>({
    ...versioned,
    type: oneOf(
      "RDV_LIAISON",
      "VISITE_PRE_REPRISE",
      "ESSAI_ENCADRE",
      "CRPE",
      "PTP",
      "AMENAGEMENT_POSTE",
      "ORIENTATION",
    ),
    date: scalar(DateScalar),
    partner: opt(org),
  }),
  message: shape<I.MessageInput>({ ...versioned, text: str }),
  close: shape<I.CloseInput>({
    ...versioned,
    outcome: oneOf(
      "MAINTIEN_POSTE",
      "AMENAGEMENT",
      "RECLASSEMENT",
      "RECONVERSION",
      "INAPTITUDE",
      "INVALIDITE",
      "ABANDON",
    ),
  }),
};

/** The mutation's `input` variable, as its resolver would receive it. */
export function inputOf<K extends keyof typeof parsers>(
  kind: K,
  variables: Record<string, unknown> | null,
): ReturnType<(typeof parsers)[K]> {
  return parsers[kind](variables?.input, "input") as ReturnType<(typeof parsers)[K]>;
}
