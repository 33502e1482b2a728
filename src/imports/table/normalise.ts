/**
 * Normalises a header text so that the ways partners write the same header
 * compare equal: "Nombre de salariés", "NOMBRE DE\nSALARIES" and
 * "nombre_de_salaries" all become "nombre de salaries".
 *
 * Accents are stripped (Unicode NFKD, then combining marks removed), case is
 * lowered, every run of other characters than letters and digits becomes one
 * space. Comparison signs carry meaning in the Assurance Maladie's headers
 * ("taux < 10 %" and "taux >= 10 %" are two columns), so they become words
 * first: "<" lt, ">" gt, "=" eq, "≥" gt eq, "≤" lt eq.
 */
export function normaliseHeader(text: string): string {
  return (
    text
      // Before NFKD, which leaves these symbols as they are.
      .replace(/[≥⩾]/g, ">=")
      .replace(/[≤⩽]/g, "<=")
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      // Ligatures NFKD does not split, frequent in French ("main-d'œuvre").
      .replace(/œ/g, "oe")
      .replace(/æ/g, "ae")
      .replace(/</g, " lt ")
      .replace(/>/g, " gt ")
      .replace(/=/g, " eq ")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim()
  );
}
