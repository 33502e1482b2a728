/**
 * Audit trail of personal-data access (stub: replaced by the audit module).
 * The enforcement point records one entry per resolved personal field.
 */
export interface AuditEntry {
  ficheId: string | null;
  pseudonym: string | null;
  /** Response path of the field, e.g. `fichesLiaison.nodes.3.job`. */
  path: string;
}

export interface AuditRecorder {
  record(entry: AuditEntry): void;
}

export function createAuditRecorder(): AuditRecorder & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return { entries, record: (e) => void entries.push(e) };
}
