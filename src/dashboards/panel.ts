/// <reference lib="dom" />
import { type Cell, csvText, MASKED, shown } from "./cells.js";
import { clearChart } from "./charts.js";

/** A column of a panel's table and CSV file. */
export interface Column<R> {
  /** CSV header: the API's field, dotted (`regional.frequencyIndex`). */
  key: string;
  /** Table heading, for humans. */
  label: string;
  value: (row: R) => Cell;
  /** Decimals shown in the table (the CSV keeps them all). */
  digits?: number;
}

/** What a panel shows: a table whose rows are also what its CSV button exports. */
export interface Table<R> {
  columns: Column<R>[];
  rows: R[];
}

/**
 * One panel of the page (a server-rendered `<section data-panel>`): its
 * status line, chart canvas, table and CSV button. `data-state` on the
 * section says loading, ready or unavailable.
 */
export class Panel {
  readonly canvas: HTMLCanvasElement;
  private readonly status: HTMLElement;
  private readonly table: HTMLTableElement;
  private csv: { header: string[]; rows: Cell[][] } | null = null;

  constructor(
    readonly section: HTMLElement,
    private readonly fileName: () => string,
  ) {
    this.canvas = part(section, "chart");
    this.status = part(section, "status");
    this.table = part(section, "table");
    part<HTMLButtonElement>(section, "csv").addEventListener("click", () => this.download());
  }

  loading(): void {
    this.setState("loading", "Chargement…");
  }

  /** The panel cannot show its figures (a refusal, an error): it says why, and exports nothing. */
  unavailable(message: string): void {
    clearChart(this.canvas);
    this.table.replaceChildren();
    this.csv = null;
    this.setState("unavailable", message);
  }

  /** Shows a table (the chart is drawn by the caller), with an optional note. */
  show<R>(table: Table<R>, note = ""): void {
    renderTable(this.table, table);
    this.csv = {
      header: table.columns.map((c) => c.key),
      rows: table.rows.map((r) => table.columns.map((c) => c.value(r))),
    };
    this.setState("ready", table.rows.length === 0 ? `Aucune donnée pour cette sélection. ${note}` : note);
  }

  private setState(state: string, message: string): void {
    this.section.dataset.state = state;
    this.status.textContent = message.trim();
    part<HTMLButtonElement>(this.section, "csv").disabled = state !== "ready";
  }

  private download(): void {
    if (this.csv) downloadCsv(this.fileName(), csvText(this.csv.header, this.csv.rows));
  }
}

/** The element of a panel that carries `data-part="<name>"`; the page always has it. */
export function part<E extends HTMLElement>(root: ParentNode, name: string): E {
  const el = root.querySelector<E>(`[data-part="${name}"]`);
  if (!el) throw new Error(`the page has no ${name} part`);
  return el;
}

function renderTable<R>(table: HTMLTableElement, { columns, rows }: Table<R>): void {
  const head = document.createElement("tr");
  for (const c of columns) head.append(el("th", c.label));
  const body = rows.map((row, i) => {
    const tr = document.createElement("tr");
    tr.dataset.row = String(i);
    for (const c of columns) {
      const value = c.value(row);
      const td = el("td", shown(value, c.digits));
      td.dataset.field = c.key;
      if (typeof value === "number") td.className = "num";
      if (value === MASKED) {
        td.className = "masked";
        td.title = "Secret statistique : valeur masquée (petit effectif ou masquage secondaire)";
      }
      tr.append(td);
    }
    return tr;
  });
  const thead = document.createElement("thead");
  thead.append(head);
  const tbody = document.createElement("tbody");
  tbody.append(...body);
  table.replaceChildren(thead, tbody);
}

function el(tag: string, text: string): HTMLElement {
  const e = document.createElement(tag);
  e.textContent = text;
  return e;
}

/** Saves `text` as a file: a Blob of this page, nothing leaves the browser. */
export function downloadCsv(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
