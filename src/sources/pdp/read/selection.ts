import {
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from "graphql";
import { SHARED_GROUPS, type SharedGroup } from "../types.js";

/** GraphQL field of FicheLiaison → storage group it reads. */
const FIELD_OF: Record<SharedGroup, string> = {
  JOB: "job",
  ARRET: "arret",
  CAPACITIES: "capacities",
  ACTIONS: "actions",
  MESSAGES: "messages",
};

/**
 * The consent-scoped groups an operation selects on the fiches under `path`
 * (e.g. `["nodes"]` below fichesLiaison), looking through fragments. A list
 * read then projects them in its one scan instead of a second one: on
 * FerretDB v1 every query decodes the whole collection. @skip/@include are not
 * evaluated, so a conditional field is fetched (never returned unless resolved).
 */
export function selectedSharedGroups(
  info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">,
  path: readonly string[],
): SharedGroup[] {
  let sets = info.fieldNodes.map((f) => f.selectionSet).filter((s): s is SelectionSetNode => !!s);
  for (const name of path) {
    sets = sets.flatMap((s) =>
      fieldsOf(s, info.fragments)
        .filter((f) => f.name.value === name)
        .flatMap((f) => (f.selectionSet ? [f.selectionSet] : [])),
    );
  }
  const names = new Set(sets.flatMap((s) => fieldsOf(s, info.fragments).map((f) => f.name.value)));
  return SHARED_GROUPS.filter((g) => names.has(FIELD_OF[g]));
}

function fieldsOf(
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): FieldNode[] {
  return set.selections.flatMap((s) => {
    if (s.kind === Kind.FIELD) return [s];
    if (s.kind === Kind.INLINE_FRAGMENT) return fieldsOf(s.selectionSet, fragments, seen);
    const fragment = fragments[s.name.value];
    if (!fragment || seen.has(s.name.value)) return [];
    seen.add(s.name.value);
    return fieldsOf(fragment.selectionSet, fragments, seen);
  });
}
