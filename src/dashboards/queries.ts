/**
 * The GraphQL operations the dashboard page sends, one per panel: fixed
 * documents whose only inputs are variables, so that they can be listed as
 * trusted documents (docs/operations.md) and the tests can send the very same
 * text to compare the page with the API. Plain strings: this module runs in
 * the browser bundle and in the tests, and imports nothing.
 */

/** Variables every panel takes from the page's selectors. */
export interface DashboardSelection {
  /** INSEE region code, e.g. `52`. */
  region: string;
  /** NAF code at any level (the MP panel needs a division or a section). */
  naf: string;
  years: { from: number; to: number };
  /** Annex-4 reporting year of the published rows. */
  annex4Year: number;
  /** Year of the annex-4 campaign whose reports' states are shown (often the one under way). */
  campaignYear: number;
  /** SUMER wave, e.g. `2016-2017`. */
  sumerPeriod: string;
  /** Organisation of the PDP panel (an SPSTI id); null for every organisation of the viewer's scope. */
  pdpOrg: string | null;
}

/** (1) Frequency index of the sector, in the region and nationally, per year. */
export const FREQUENCY_QUERY = `query DashboardFrequency($naf: NafCode!, $region: String!, $years: YearRange!) {
  sector(naf: $naf) {
    code
    label
    regional: sinistralite(territory: { region: $region }, years: $years, groupBy: [YEAR]) {
      year
      employees
      accidents
      frequencyIndex
      suppressed
    }
    national: sinistralite(years: $years, groupBy: [YEAR]) {
      year
      employees
      accidents
      frequencyIndex
      suppressed
    }
  }
}`;

/** (2) Maladies professionnelles of tableau 57 (TMS) in the region, per year. */
export const MP57_QUERY = `query DashboardMp57($naf: NafCode!, $region: String!, $years: YearRange!) {
  sector(naf: $naf) {
    maladiesProfessionnelles(territory: { region: $region }, years: $years, tableaux: ["57"], groupBy: [YEAR]) {
      year
      cases
      suppressed
    }
  }
}`;

/** (3) SUMER exposures of the sector: national sample (open data) and the region's extension (partner data). */
export const SUMER_QUERY = `query DashboardSumer($naf: NafCode!, $region: String!, $period: String!) {
  sector(naf: $naf) {
    sumer(period: $period) {
      indicator
      label
      n
      prevalence
      suppressed
    }
  }
  sumerRegional(territory: { region: $region }, sector: { naf: $naf }, period: $period) {
    indicator
    label
    n
    count
    prevalence
    suppressed
  }
}`;

/** (4) Annex-4 rows published for the region's SPSTIs, with the themes' labels. */
export const ANNEX4_QUERY = `query DashboardAnnex4($region: String!, $year: Year!) {
  themes {
    code
    label
  }
  territory(region: $region) {
    annex4(year: $year) {
      cpom { id }
      spsti { id shortName }
      theme
      formes
      accompagnes
      cibles
      suppressed
    }
  }
}`;

/** (4b) The year's annex-4 campaign: readable by the CPOM signatories only (CPOM_FOLLOW_UP). */
export const CAMPAIGN_QUERY = `query DashboardCampaign($year: Year!) {
  annex4Campaign(year: $year) {
    cpom { id }
    spsti { id name }
    state
    dueBy
    late
    daysLate
  }
}`;

/** The region's SPSTIs, for the PDP panel's organisation selector. */
export const SPSTIS_QUERY = `query DashboardSpstis($region: String!) {
  territory(region: $region) {
    spstis { id shortName }
  }
}`;

/** (5) PDP signalements per year, direction and pair of organisations. */
export const PDP_QUERY = `query DashboardPdp($years: YearRange!, $org: ID) {
  pdpSignalements(years: $years, org: $org) {
    year
    direction
    origin { type id }
    recipient { type id }
    count
    suppressed
  }
}`;

/** Every document the page may send, by operation name (for a trusted-documents manifest). */
export const DASHBOARD_QUERIES: Record<string, string> = {
  DashboardFrequency: FREQUENCY_QUERY,
  DashboardMp57: MP57_QUERY,
  DashboardSumer: SUMER_QUERY,
  DashboardAnnex4: ANNEX4_QUERY,
  DashboardCampaign: CAMPAIGN_QUERY,
  DashboardSpstis: SPSTIS_QUERY,
  DashboardPdp: PDP_QUERY,
};

/** The variables of each panel's document for a selection. */
export function variablesFor(s: DashboardSelection) {
  return {
    DashboardFrequency: { naf: s.naf, region: s.region, years: s.years },
    DashboardMp57: { naf: s.naf, region: s.region, years: s.years },
    DashboardSumer: { naf: s.naf, region: s.region, period: s.sumerPeriod },
    DashboardAnnex4: { region: s.region, year: s.annex4Year },
    DashboardCampaign: { year: s.campaignYear },
    DashboardSpstis: { region: s.region },
    DashboardPdp: { years: s.years, org: s.pdpOrg },
  };
}
