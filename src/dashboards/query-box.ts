/// <reference lib="dom" />
import { runQuery } from "./api.js";
import { csvText, firstList, flattenList } from "./cells.js";
import { downloadCsv, part } from "./panel.js";

/**
 * The "query → CSV" box: an analyst pastes any GraphQL query (and its
 * variables), runs it with the page's token, and downloads the first list of
 * the answer flattened to CSV (dotted column names, masked figures as "s").
 * The API's own rules apply: refused fields come back null with their errors,
 * which the box shows.
 */
export function setUpQueryBox(root: HTMLElement, token: () => string | null): void {
  const query = part<HTMLTextAreaElement>(root, "query");
  const variables = part<HTMLTextAreaElement>(root, "variables");
  const status = part(root, "status");
  part<HTMLFormElement>(root, "form").addEventListener("submit", async (event) => {
    event.preventDefault();
    let vars: Record<string, unknown> = {};
    try {
      vars = variables.value.trim() ? (JSON.parse(variables.value) as Record<string, unknown>) : {};
    } catch {
      status.textContent = "Les variables ne sont pas du JSON valide.";
      return;
    }
    root.dataset.state = "loading";
    status.textContent = "Exécution…";
    const answer = await runQuery<unknown>(token(), query.value, vars);
    const errors = [...new Set(answer.errors.map((e) => `${e.extensions?.code ?? "ERREUR"} : ${e.message}`))];
    const found = firstList(answer.data);
    if (!found) {
      root.dataset.state = "empty";
      status.textContent = ["La réponse ne contient aucune liste.", ...errors].join(" ");
      return;
    }
    const { header, rows } = flattenList(found.list);
    const name =
      found.path
        .slice(1)
        .join("-")
        .replace(/[^\w.-]/g, "_") || "liste";
    downloadCsv(`passerelle-${name}.csv`, csvText(header, rows));
    root.dataset.state = "ready";
    status.textContent = [
      `${rows.length} ligne(s) de ${found.path.join(".")} exportée(s), ${header.length} colonne(s).`,
      ...errors,
    ].join(" ");
  });
}
