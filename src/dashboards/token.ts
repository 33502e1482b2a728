/// <reference lib="dom" />
/**
 * The viewer's token: pasted in the page's password field, or given in the
 * address as `#token=…` (a fragment never reaches a server or a log). It is
 * kept in this tab's sessionStorage only, so it goes when the tab closes, and
 * the fragment is wiped from the address bar and the history once read.
 */

const KEY = "passerelle:token";
let current: string | null = null;

/** A token as pasted: trimmed, without a leading "Bearer ", null when empty. */
export function normalise(raw: string): string | null {
  const token = raw.trim().replace(/^Bearer\s+/i, "");
  return token === "" ? null : token;
}

/** The token to use: the address's fragment first (then wiped), else this tab's saved one. */
export function takeToken(): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get("token");
  if (fromHash !== null) {
    setToken(fromHash);
    history.replaceState(history.state, "", location.pathname + location.search);
    return current;
  }
  if (current === null) current = read();
  return current;
}

/** Keeps (or, when empty, forgets) the token for this tab. */
export function setToken(raw: string): void {
  current = normalise(raw);
  try {
    if (current) sessionStorage.setItem(KEY, current);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage disabled: the token lives in this page only.
  }
}

function read(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}
