import { GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { InputValueError } from "../errors.js";
import { normaliseNaf, siretProblem } from "../domain/identifiers.js";
import { allDepartements, nafEntry } from "../domain/reference.js";

/**
 * Custom scalars. Each parses literals and variables the same way and throws a
 * BAD_USER_INPUT error that says what is wrong; graphql-js adds which argument.
 * Their descriptions are the SDL's (schema/_base.graphql): one given here
 * would replace it in the single process only, not in the supergraph.
 */
function stringScalar(name: string, parse: (raw: string) => string): GraphQLScalarType {
  const parseValue = (value: unknown): string => {
    if (typeof value !== "string") throw new InputValueError(`${name} must be a string`);
    return parse(value);
  };
  return new GraphQLScalarType({
    name,
    serialize: (v) => v as string,
    parseValue,
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING) throw new InputValueError(`${name} must be a string`);
      return parseValue(ast.value);
    },
  });
}

export const NafCode = stringScalar("NafCode", (raw) => {
  const code = normaliseNaf(raw);
  if (!code)
    throw new InputValueError(`"${raw}" is not a NAF code (expected e.g. 41.20A, 4120A, 41.2, 41 or F)`);
  if (!nafEntry(code)) throw new InputValueError(`"${raw}" is not in the NAF rév. 2 nomenclature`);
  return code;
});

export const Siret = stringScalar("Siret", (raw) => {
  const problem = siretProblem(raw);
  if (problem) throw new InputValueError(`"${raw}" is not a valid SIRET: ${problem}`);
  return raw.replace(/\s/g, "");
});

export const DateScalar = stringScalar("Date", (raw) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!d || d.getUTCMonth() !== +m![2] - 1)
    throw new InputValueError(`"${raw}" is not a date (expected YYYY-MM-DD)`);
  return raw;
});

export const DateTime = stringScalar("DateTime", (raw) => {
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw) ||
    Number.isNaN(Date.parse(raw))
  ) {
    throw new InputValueError(`"${raw}" is not an ISO 8601 date-time with a time zone`);
  }
  return new Date(raw).toISOString();
});

export const Departement = stringScalar("Departement", (raw) => {
  if (!allDepartements.includes(raw))
    throw new InputValueError(`"${raw}" is not a département code (e.g. 44, 2A, 971)`);
  return raw;
});

function parseYear(value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1990 || value > 2100) {
    throw new InputValueError(`${JSON.stringify(value)} is not a year between 1990 and 2100`);
  }
  return value;
}

export const Year = new GraphQLScalarType<number, number>({
  name: "Year",
  serialize: (v) => v as number,
  parseValue: parseYear,
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT) throw new InputValueError("Year must be an integer");
    return parseYear(Number(ast.value));
  },
});

export const scalarResolvers = { NafCode, Siret, Date: DateScalar, DateTime, Departement, Year };
