import type { FicheDoc, MedicalDoc } from "../src/sources/pdp/documents.js";

/**
 * The generated PDP documents before they are stored. A leaf module:
 * pdp-fiche.ts makes a fiche and pdp-actions.ts plays its life, and both
 * speak of the draft without importing each other.
 */

/**
 * A generated fiche before it receives its id and reference (given in
 * creation order); its root `status` mirrors the final header at insertion (seeds/pdp.ts).
 */
export type DraftFiche = Omit<FicheDoc, "_id" | "header" | "status"> & {
  header: Omit<FicheDoc["header"], "ref">;
};

/** A generated medical part, stored under its fiche's id. */
export type DraftMedical = Omit<MedicalDoc, "_id">;
