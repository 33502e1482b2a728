/// <reference lib="dom" />
/**
 * The page's only way to data: POST to the GraphQL endpoint of the same
 * origin, with the viewer's token, so that the API applies every rule of
 * docs/privacy.md to the dashboards as to any client.
 */

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}

export interface GqlAnswer<T> {
  data: T | null;
  errors: GqlError[];
}

/** The endpoint, relative to the page (/dashboards → /graphql), so a reverse proxy's path prefix is kept. */
const endpoint = () => new URL("graphql", document.baseURI).href;

/** Runs one operation. A transport failure or a non-GraphQL answer becomes an error like the API's own. */
export async function runQuery<T>(
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlAnswer<T>> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(endpoint(), {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
      credentials: "omit",
      cache: "no-store",
    });
  } catch {
    return {
      data: null,
      errors: [{ message: "Le serveur ne répond pas.", extensions: { code: "NETWORK" } }],
    };
  }
  const body = (await res.json().catch(() => null)) as { data?: T | null; errors?: GqlError[] } | null;
  if (!body || (!("data" in body) && !body.errors))
    return { data: null, errors: [{ message: `Réponse HTTP ${res.status} inattendue.` }] };
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/** The errors about one top-level field of the answer (by alias), or about the whole request. */
export function errorsAt(answer: GqlAnswer<unknown>, field: string): GqlError[] {
  return answer.errors.filter((e) => !e.path || e.path[0] === field);
}

/** What to tell the viewer about errors: a refusal by role reads as such, anything else by the API's message. */
export function explain(errors: GqlError[], hasToken: boolean): string {
  const codes = new Set(errors.map((e) => e.extensions?.code));
  if (codes.has("UNAUTHENTICATED"))
    return "Jeton refusé (absent, invalide ou expiré) : collez un jeton valide.";
  if (codes.has("FORBIDDEN"))
    return hasToken
      ? "Non disponible pour votre rôle."
      : "Non disponible sans jeton : collez le jeton de votre rôle en haut de la page.";
  return [...new Set(errors.map((e) => e.message))].join(" ");
}
