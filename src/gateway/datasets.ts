import { delegateToSchema, type StitchingInfo, type SubschemaConfig } from "@graphql-tools/delegate";
import { WrapQuery } from "@graphql-tools/wrap";
import {
  Kind,
  OperationTypeNode,
  type FieldNode,
  type GraphQLSchema,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from "graphql";
import { datasetsServedBy } from "../imports/catalogue.js";
import { importsOrder, servedOrder } from "../imports/provenance.js";
import { SUBGRAPH_NAMES, type SubgraphName } from "../federation/names.js";

/** The subgraphs whose partners import files, and so list dataset versions. */
const IMPORTING: SubgraphName[] = SUBGRAPH_NAMES.filter((s) => datasetsServedBy(s).length > 0);

/** The fields each version is also asked for, under aliases of the gateway's own, to sort the merged list. */
const ORDER_FIELDS = {
  state: "_passerelleOrderState",
  importedAt: "_passerelleOrderImportedAt",
  id: "_passerelleOrderId",
};

interface Ordered {
  [alias: string]: unknown;
}

/**
 * `Query.datasets` and `Query.myImports` at the gateway. Each importing
 * partner's subgraph serves both over its own datasets (`@shareable` in
 * schema/datasets.graphql), so Hive's planner alone would ask just one of
 * them. These resolvers ask every importing subgraph, in parallel, with the
 * client's selection, and merge the lists in the single process's order
 * (src/imports/provenance.ts); `myImports` keeps its `first` newest. Each
 * item keeps the errors its subgraph raised on it (importedBy refused, say),
 * wherever the merge puts it. When any part fails, the field is null with
 * that part's error (one, even when every subgraph refused the same way): a
 * partial list of where the figures come from would read as a whole one.
 */
export function datasetsResolvers() {
  return {
    Query: {
      datasets: (
        _: unknown,
        args: Record<string, unknown>,
        context: Record<string, unknown>,
        info: GraphQLResolveInfo,
      ) => merged("datasets", args, context, info).then((items) => items.sort(byServedOrder)),
      myImports: (
        _: unknown,
        args: Record<string, unknown>,
        context: Record<string, unknown>,
        info: GraphQLResolveInfo,
      ) =>
        merged("myImports", args, context, info).then((items) =>
          items.sort(byImportsOrder).slice(0, typeof args.first === "number" ? args.first : undefined),
        ),
    },
  };
}

async function merged(
  field: "datasets" | "myImports",
  args: Record<string, unknown>,
  context: Record<string, unknown>,
  info: GraphQLResolveInfo,
): Promise<Ordered[]> {
  const parts = await Promise.all(
    IMPORTING.map((name) =>
      delegateToSchema({
        schema: subgraphSubschema(info, name),
        operation: OperationTypeNode.QUERY,
        fieldName: field,
        args,
        context,
        info,
        transforms: [new WrapQuery([field], withOrderFields, (list: unknown) => list)],
      }),
    ),
  );
  const failed = parts.find((p) => p instanceof Error);
  if (failed) throw failed;
  return parts.flatMap((p) => (Array.isArray(p) ? (p as Ordered[]) : []));
}

/**
 * A subgraph as a plain subschema: its own schema and its executor (Hive's
 * HTTP transport, with the signature and the forwarded token), without the
 * stitcher's transforms. Neither Hive's in-context SDK
 * (`context.<subgraph>.Query.<field>`) nor the stitched subschema will do:
 * the stitcher keeps a `@shareable` root field in one subschema only, and
 * filters it out of the others' requests, so the SDK sends them an empty
 * operation ("Failed to create a gateway request", Mesh 0.107).
 */
function subgraphSubschema(info: GraphQLResolveInfo, name: string): SubschemaConfig {
  let byName = plainSubschemas.get(info.schema);
  if (!byName) {
    const stitching = info.schema.extensions.stitchingInfo as StitchingInfo | undefined;
    byName = new Map(
      [...(stitching?.subschemaMap.values() ?? [])].flatMap((s) =>
        s.name && s.executor
          ? [[s.name, { name: s.name, schema: s.schema, executor: s.executor }] as const]
          : [],
      ),
    );
    plainSubschemas.set(info.schema, byName);
  }
  const subschema = byName.get(name);
  if (!subschema) throw new Error(`The supergraph has no ${name} subgraph`);
  return subschema;
}

/** One plain subschema per subgraph and stitched schema (delegation caches its work per subschema object). */
const plainSubschemas = new WeakMap<GraphQLSchema, Map<string, SubschemaConfig>>();

/** The client's selection of a version, plus the order fields (under aliases no client asks for). */
function withOrderFields(subtree: SelectionSetNode): SelectionSetNode {
  const extra: FieldNode[] = Object.entries(ORDER_FIELDS).map(([name, alias]) => ({
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: alias },
    name: { kind: Kind.NAME, value: name },
  }));
  return { ...subtree, selections: [...subtree.selections, ...extra] };
}

function orderKey(v: Ordered) {
  return {
    state: String(v[ORDER_FIELDS.state]),
    importedAt: new Date(String(v[ORDER_FIELDS.importedAt])),
    id: String(v[ORDER_FIELDS.id]),
  };
}

const byServedOrder = (a: Ordered, b: Ordered) => servedOrder(orderKey(a), orderKey(b));
const byImportsOrder = (a: Ordered, b: Ordered) => importsOrder(orderKey(a), orderKey(b));
