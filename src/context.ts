import { randomUUID } from "node:crypto";
import type { Db } from "mongodb";
import type { Config } from "./config.js";
import { createLoaders, type Loaders } from "./loaders.js";

/** What every resolver receives. Built once per request. */
export interface Context {
  requestId: string;
  loaders: Loaders;
  config: Config;
  /** Seed metadata, for `about`. */
  about: { version: string; seedScale: string | null };
}

export interface ContextDeps {
  db: Db;
  config: Config;
  about: Context["about"];
}

export function createContext(deps: ContextDeps): Context {
  return { requestId: randomUUID(), loaders: createLoaders(deps.db), config: deps.config, about: deps.about };
}
