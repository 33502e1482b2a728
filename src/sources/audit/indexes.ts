import type { IndexSpec } from "../../db/index-spec.js";
import { AUDIT_EVENTS } from "./types.js";

/**
 * The DPO's read: one organisation's events in time order. No TTL index:
 * the trail is never purged by the application (docs/privacy.md, retention).
 */
export const auditIndexes: IndexSpec[] = [{ collection: AUDIT_EVENTS, keys: { orgId: 1, at: 1 } }];
