import type { Handler } from "./handler.js";
import { listHandler, publicHandler } from "./list-public.js";
import { construction, sstrnArea } from "./dashboards-a.js";
import { establishmentsRisk, psychosocial } from "./dashboards-b.js";
import { inbox } from "./pdp.js";
import { pdpMutations } from "./pdp-mutations.js";

/** Every hand-written twin, by workload id and operation name (bench/workloads.ts). */
export function handlers(listLength = 1000): Record<string, Record<string, Handler>> {
  return {
    dashboards: {
      construction,
      "sstrn-area": sstrnArea,
      "establishments-risk": establishmentsRisk,
      psychosocial,
    },
    list: { establishments: listHandler(listLength) },
    public: { sector: publicHandler },
    "pdp-exchange": { inbox, ...pdpMutations },
  };
}
