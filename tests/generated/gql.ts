/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query CelluleReadsFiches($org: ID!) {\n  fichesLiaison(org: $org, first: 5) {\n    totalCount\n    nodes { id ref status worker { pseudonym } job { siret poste } arret { startDate lengthBand } actions { type date } }\n  }\n}": typeof types.CelluleReadsFichesDocument,
    "query Trail($from: DateTime, $to: DateTime, $first: Int, $after: String) {\n  auditTrail(from: $from, to: $to, first: $first, after: $after) {\n    totalCount\n    nodes { id at requestId subject organisation { type id } roles operationName ficheId pseudonym fields }\n    pageInfo { hasNextPage endCursor }\n  }\n}": typeof types.TrailDocument,
    "query Twice($id: ID!) { a: ficheLiaison(id: $id) { ref j: job { poste } } b: ficheLiaison(id: $id) { ref } }": typeof types.TwiceDocument,
    "query AuditPublicAggregate { sinistralite(sector: { naf: \"41\" }, years: { from: 2024, to: 2024 }) { year accidents } }": typeof types.AuditPublicAggregateDocument,
    "query AuditPartnerAggregate { pdpSignalements(years: { from: 2023, to: 2024 }, org: \"sstrn\") { year count } }": typeof types.AuditPartnerAggregateDocument,
    "query CarsatReadsFiches { fichesLiaison(org: \"carsat-pays-de-la-loire\", first: 3) { nodes { id ref } } }": typeof types.CarsatReadsFichesDocument,
    "query AboutDisclosure { about { disclosure { smallCountThreshold minUnits publicationGrids protectedFigures } } }": typeof types.AboutDisclosureDocument,
    "query About { about { version seedScale } }": typeof types.AboutDocument,
    "query ThemeAccidents($code: ThemeCode!, $sector: SectorInput, $territory: TerritoryInput, $years: YearRange!) {\n    theme(code: $code) { atCauses accidents(sector: $sector, territory: $territory, years: $years) { year accidents themeAccidents share suppressed } }\n    sinistralite(sector: $sector, territory: $territory, years: $years) { year accidents } }": typeof types.ThemeAccidentsDocument,
    "query NationAndCaisses { all: sinistralite(years: { from: 2023, to: 2023 }, groupBy: []) { accidents employees }\n      byCaisse: sinistralite(years: { from: 2023, to: 2023 }, groupBy: [CAISSE]) { caisse { slug } accidents employees }\n      mp: maladiesProfessionnelles(years: { from: 2023, to: 2023 }, groupBy: []) { cases } }": typeof types.NationAndCaissesDocument,
    "query SecretMeasure($t: TerritoryInput) { cell: sinistralite(sector: { naf: \"4120A\" }, territory: $t, years: { from: 2023, to: 2023 }) { accidents itDays employees suppressed }\n      total: sinistralite(territory: $t, years: { from: 2023, to: 2023 }, groupBy: []) { accidents suppressed } }": typeof types.SecretMeasureDocument,
    "query EstablishmentAccidents($s: Siret!) { establishment(siret: $s) { accidents { siret year accidents itDays newIp } } }": typeof types.EstablishmentAccidentsDocument,
    "query EstablishmentAccidentYears($s: Siret!) { establishment(siret: $s) { accidents { year } } }": typeof types.EstablishmentAccidentYearsDocument,
    "query CarsatSinistralite($kind: AtKind, $sector: SectorInput, $territory: TerritoryInput, $years: YearRange!, $groupBy: [AtGroupBy!]) {\n  sinistralite(kind: $kind, sector: $sector, territory: $territory, years: $years, groupBy: $groupBy) {\n    year caisse { slug } ctn { code } naf2 { code } ageBand sex employees hoursWorked accidents itDays ipRateSum\n    deaths frequencyIndex frequencyRate severityRate severityIndex } }": typeof types.CarsatSinistraliteDocument,
    "query CarsatMp($sector: SectorInput, $years: YearRange!, $tableaux: [String!], $groupBy: [MpGroupBy!]) {\n  maladiesProfessionnelles(sector: $sector, years: $years, tableaux: $tableaux, groupBy: $groupBy) {\n    year tableau { code label } syndrome { code tableau { code } flags } naf2 { code } cases newIpFrom10 deaths itDays } }": typeof types.CarsatMpDocument,
    "query FollowUpDefinitions {\n  cpom(id: \"cpom-sstrn-2025\") {\n    volets { actions { id indicators { id label kind unit source computedFrom baseline { value year note } targets { year value } } } }\n  }\n}": typeof types.FollowUpDefinitionsDocument,
    "query FollowUpValues($cpom: ID!, $year: Year) {\n  cpom(id: $cpom) {\n    volets { actions { id indicators { id source values(year: $year) {\n      id year source value suppressed parts { key value suppressed } comment version comments { id onVersion }\n    } } } }\n  }\n}": typeof types.FollowUpValuesDocument,
    "query FollowUpBilans($cpom: ID!) {\n  cpom(id: $cpom) {\n    finalBilan { id kind summary version action { id } cpom { id } }\n    volets { actions { id bilans { id kind year summary version history { action } comments { text organisation { type } } } } }\n  }\n}": typeof types.FollowUpBilansDocument,
    "mutation RecordValue($input: RecordIndicatorValueInput!) {\n  recordIndicatorValue(input: $input) { id year source value comment version updatedAt history { action organisation { type id } roles version } }\n}": typeof types.RecordValueDocument,
    "mutation RecordBilan($input: RecordActionBilanInput!) {\n  recordActionBilan(input: $input) { id kind year summary difficulties version action { id } }\n}": typeof types.RecordBilanDocument,
    "mutation RecordFinal($input: RecordCpomFinalBilanInput!) {\n  recordCpomFinalBilan(input: $input) { id kind year summary version cpom { id } }\n}": typeof types.RecordFinalDocument,
    "mutation CommentFollowUp($input: CommentCpomFollowUpInput!) {\n  commentCpomFollowUp(input: $input) {\n    comment { id text organisation { type id } roles onVersion }\n    value { id version comments { id } history { action } }\n    bilan { id version }\n  }\n}": typeof types.CommentFollowUpDocument,
    "query SstrnPreReprise { pdpMeasures(years: { from: 2020, to: 2026 }, org: \"sstrn\") { year type count suppressed } }": typeof types.SstrnPreRepriseDocument,
    "query SstrnAnnex4 { cpom(id: \"cpom-sstrn-2020\") { annex4 { year theme formes } } }": typeof types.SstrnAnnex4Document,
    "query FollowUpOneSpsti { cpomActions(territory: { departement: \"44\" }) {\n    id cpom { finalBilan { id } } bilans { id } indicators { id values { year value suppressed } } } }": typeof types.FollowUpOneSpstiDocument,
    "query FollowUpAllSpstis { cpomActions(territory: { region: \"52\" }) {\n    id cpom { finalBilan { id } } bilans { id } indicators { id values { year value suppressed } } } }": typeof types.FollowUpAllSpstisDocument,
    "query DisclosureSinistralite($sector: SectorInput, $groupBy: [AtGroupBy!], $years: YearRange!) {\n  sinistralite(sector: $sector, territory: { region: \"52\" }, years: $years, groupBy: $groupBy) {\n    suppressed year ctn { code }\n    employees hoursWorked establishments accidents accidentsWith4Days newIpBelow10 newIpFrom10 deaths itDays ipRateSum\n    frequencyIndex frequencyRate severityRate severityIndex } }": typeof types.DisclosureSinistraliteDocument,
    "fragment DisclosureAtFields on SinistraliteRow { suppressed year accidents deaths frequencyIndex }": typeof types.DisclosureAtFieldsFragmentDoc,
    "query DisclosureThreeWays {\n      a: sinistralite(sector: { naf: \"F\" }, territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields }\n      b: sinistralite(sector: { naf: \"C\" }, territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields }\n      sector(naf: \"F\") { sinistralite(territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields } } }": typeof types.DisclosureThreeWaysDocument,
    "query DisclosureAlone { sinistralite(sector: { naf: \"F\" }, territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields } }": typeof types.DisclosureAloneDocument,
    "query DisclosureAnnex4($year: Year!) { annex4(year: $year, territory: { region: \"52\" }) {\n    cpom { id } theme suppressed commentaire formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog } }": typeof types.DisclosureAnnex4Document,
    "fragment DisclosureAnnex4Row on Annex4Row {\n      cpom { id } theme suppressed formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog\n    }": typeof types.DisclosureAnnex4RowFragmentDoc,
    "query DisclosureAnnex4Region { annex4(year: 2024, territory: { region: \"52\" }) { ...DisclosureAnnex4Row } }": typeof types.DisclosureAnnex4RegionDocument,
    "query DisclosureAnnex4Cpom { cpom(id: \"cpom-sstrn-2020\") { annex4(year: 2024) { ...DisclosureAnnex4Row } } }": typeof types.DisclosureAnnex4CpomDocument,
    "query DisclosureAnnex4Theme { theme(code: TMS) { annex4(year: 2024) { ...DisclosureAnnex4Row } } }": typeof types.DisclosureAnnex4ThemeDocument,
    "query DisclosureSignalements($org: ID) { pdpSignalements(years: { from: 2019, to: 2025 }, org: $org) {\n    year direction origin { id } recipient { id } count suppressed } }": typeof types.DisclosureSignalementsDocument,
    "query DisclosureMeasures($years: YearRange!) { pdpMeasures(years: $years, org: \"sstrn\") { year type count suppressed } }": typeof types.DisclosureMeasuresDocument,
    "query DisclosureMcp($years: YearRange) { mcp(years: $years, pathologies: [\"hearing\"], breakdown: [SEX, AGE_BAND]) {\n    year sex ageBand n count prevalence confidenceInterval { low high } suppressed } }": typeof types.DisclosureMcpDocument,
    "query DisclosureMcpRegional { mcpRegional(territory: { region: \"52\" }, pathologies: [\"hearing\"], breakdown: [SEX]) { year sex n count suppressed } }": typeof types.DisclosureMcpRegionalDocument,
    "query DisclosureEvrest($sector: SectorInput) {\n      evrest(sector: $sector, indicators: [\"long_hours\"], period: \"2021-2022\", breakdown: [SEX]) { sex n count suppressed } }": typeof types.DisclosureEvrestDocument,
    "fragment EvrestCell on EvrestIndicator { sex ageBand region { code } n count prevalence confidenceInterval { low high } source }": typeof types.EvrestCellFragmentDoc,
    "fragment McpCell on McpIndicator { sex ageBand region { code } n count prevalence confidenceInterval { low high } source }": typeof types.McpCellFragmentDoc,
    "query Evrest($territory: TerritoryInput!, $sector: SectorInput, $indicators: [String!], $period: String, $breakdown: [SurveyBreakdown!]) {\n  national: evrest(sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { indicator label category period sector { code level } ...EvrestCell }\n  regional: evrestRegional(territory: $territory, sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { indicator period sector { code } ...EvrestCell } }": typeof types.EvrestDocument,
    "query Mcp($territory: TerritoryInput!, $years: YearRange, $pathologies: [String!], $breakdown: [SurveyBreakdown!]) {\n  national: mcp(years: $years, pathologies: $pathologies, breakdown: $breakdown) { pathology label theme year ...McpCell }\n  regional: mcpRegional(territory: $territory, years: $years, pathologies: $pathologies, breakdown: $breakdown) { pathology year ...McpCell } }": typeof types.McpDocument,
    "query EvrestIndicators($i: [String!]) { evrest(indicators: $i) { n } }": typeof types.EvrestIndicatorsDocument,
    "query EvrestCatalogue { evrestIndicatorCatalogue { code label category } }": typeof types.EvrestCatalogueDocument,
    "query McpPathologies($p: [String!], $y: YearRange) { mcp(pathologies: $p, years: $y) { n } }": typeof types.McpPathologiesDocument,
    "query McpCatalogue { mcpPathologyCatalogue { code theme } }": typeof types.McpCatalogueDocument,
    "fragment DreetsSumerRow on SumerIndicator {\n  indicator period sex ageBand sector { code level } region { code } n count prevalence confidenceInterval { low high } source\n}": typeof types.DreetsSumerRowFragmentDoc,
    "query Sumer($sector: SectorInput, $indicators: [String!], $period: String, $breakdown: [SurveyBreakdown!]) {\n  sumer(sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { ...DreetsSumerRow label theme } }": typeof types.SumerDocument,
    "query SumerRegional($territory: TerritoryInput!, $sector: SectorInput, $indicators: [String!], $period: String, $breakdown: [SurveyBreakdown!]) {\n  sumerRegional(territory: $territory, sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { ...DreetsSumerRow } }": typeof types.SumerRegionalDocument,
    "query SumerCatalogue { sumerIndicatorCatalogue { code label theme } }": typeof types.SumerCatalogueDocument,
    "query UnknownEstablishment { establishment(siret: \"73282932000074\") { siret } }": typeof types.UnknownEstablishmentDocument,
    "query StoryIndicators($y: Year!) {\n  pdpSignalements(years: { from: $y, to: $y }, org: \"sstrn\") { year direction origin { id } recipient { id } count }\n  pdpMeasures(years: { from: $y, to: $y }, org: \"sstrn\") { year type count }\n}": typeof types.StoryIndicatorsDocument,
    "query StoryInbox($since: DateTime) {\n  inbox(since: $since, status: [SENT]) { totalCount nodes { id ref status version job { poste } arret { lengthBand } } }\n}": typeof types.StoryInboxDocument,
    "fragment ExchangeFiche on FicheLiaison {\n  id ref status version direction origin { type id } recipient { type id } sentAt closedAt outcome updatedAt\n  consent { givenAt how recipients { id } groups withdrawnAt } worker { pseudonym }\n  job { siret poste } arret { startDate lengthBand } capacities { restrictions }\n  actions { type date partner { id } } messages { id from { id } author text }\n}": typeof types.ExchangeFicheFragmentDoc,
    "mutation ExchangeCreate($input: CreateFicheDraftInput!) { createFicheDraft(input: $input) { ...ExchangeFiche } }": typeof types.ExchangeCreateDocument,
    "mutation ExchangeUpdate($input: UpdateFicheInput!) { updateFiche(input: $input) { ...ExchangeFiche } }": typeof types.ExchangeUpdateDocument,
    "mutation ExchangeConsent($input: RecordFicheConsentInput!) { recordFicheConsent(input: $input) { ...ExchangeFiche } }": typeof types.ExchangeConsentDocument,
    "mutation ExchangeWithdraw($input: WithdrawFicheConsentInput!) { withdrawFicheConsent(input: $input) { id status version consent { withdrawnAt } } }": typeof types.ExchangeWithdrawDocument,
    "mutation ExchangeSend($input: SendFicheInput!) { sendFiche(input: $input) { ...ExchangeFiche } }": typeof types.ExchangeSendDocument,
    "mutation ExchangeAcknowledge($input: AcknowledgeFicheInput!) { acknowledgeFiche(input: $input) { id status version } }": typeof types.ExchangeAcknowledgeDocument,
    "mutation ExchangeAction($input: AddFicheActionInput!) { addFicheAction(input: $input) { id status version actions { type date } } }": typeof types.ExchangeActionDocument,
    "mutation ExchangeMessage($input: PostFicheMessageInput!) { postFicheMessage(input: $input) { id status version messages { from { id } text } } }": typeof types.ExchangeMessageDocument,
    "mutation ExchangeClose($input: CloseFicheInput!) { closeFiche(input: $input) { id status version outcome closedAt } }": typeof types.ExchangeCloseDocument,
    "query ExchangeOne($id: ID!) { ficheLiaison(id: $id) { ...ExchangeFiche } }": typeof types.ExchangeOneDocument,
    "query Notices($since: DateTime) { consentWithdrawals(since: $since) { totalCount pageInfo { hasNextPage } nodes { id ref recipient { type id } withdrawnAt } } }": typeof types.NoticesDocument,
    "query InboxAndFiches { inbox(first: 1000) { totalCount nodes { id } } fichesLiaison(first: 1000) { totalCount nodes { id } } }": typeof types.InboxAndFichesDocument,
    "query ConsentWithdrawalShape { __type(name: \"ConsentWithdrawal\") { fields { name } } }": typeof types.ConsentWithdrawalShapeDocument,
    "query AllNotices { consentWithdrawals(first: 1000) { totalCount nodes { id withdrawnAt } } }": typeof types.AllNoticesDocument,
    "query NoticesPage($after: String) { consentWithdrawals(first: 2, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }": typeof types.NoticesPageDocument,
    "query ForeignNoticesCursor { consentWithdrawals(after: \"bm90LWEtY3Vyc29y\") { totalCount } }": typeof types.ForeignNoticesCursorDocument,
    "query NoticesCount { consentWithdrawals { totalCount } }": typeof types.NoticesCountDocument,
    "query InboxPage($since: DateTime, $first: Int, $after: String, $status: [FicheStatus!]) {\n    inbox(since: $since, first: $first, after: $after, status: $status) { totalCount pageInfo { hasNextPage endCursor } nodes { id status updatedAt recipient { id } } }\n  }": typeof types.InboxPageDocument,
    "query InboxGroups($first: Int) { inbox(first: $first) { totalCount nodes { id job { poste } arret { lengthBand } } } }": typeof types.InboxGroupsDocument,
    "query ThirdPartyLists { inbox(first: 1000) { nodes { id } } fichesLiaison(first: 1000) { nodes { id } } }": typeof types.ThirdPartyListsDocument,
    "query MessagesAudit($id: ID!) { ficheLiaison(id: $id) { id messages { id text } } }": typeof types.MessagesAuditDocument,
    "query PurgeIndicators {\n  all: pdpSignalements(years: { from: 2015, to: 2035 }) { year direction origin { id } recipient { id } count suppressed }\n  sstrn: pdpSignalements(years: { from: 2015, to: 2035 }, org: \"sstrn\") { year direction origin { id } recipient { id } count }\n  measures: pdpMeasures(years: { from: 2015, to: 2035 }) { year type count suppressed }\n  sstrnMeasures: pdpMeasures(years: { from: 2015, to: 2035 }, org: \"sstrn\") { year type count }\n}": typeof types.PurgeIndicatorsDocument,
    "query FicheNaf5($id: ID!) { ficheLiaison(id: $id) { job { naf5 } } }": typeof types.FicheNaf5Document,
    "query ShapeInbox { inbox(status: [SENT, ACKNOWLEDGED], first: 1000) { totalCount nodes { id status job { poste } } } }": typeof types.ShapeInboxDocument,
    "query ImportedRowVersions { sector(naf: \"F\") { sinistralite(territory: { region: \"52\" }, years: { from: 2022, to: 2023 }) { year dataVersions { id fileName organisation { id } } } } }": typeof types.ImportedRowVersionsDocument,
    "query CarsatAtVersions { datasets(dataset: \"carsat-at\") { id organisation { type id } sha256 rowsAccepted periodFrom periodTo state slices importedBy } }": typeof types.CarsatAtVersionsDocument,
    "query MyCarsatAtImports { myImports(dataset: \"carsat-at\") { id state importedBy rowsRefused } }": typeof types.MyCarsatAtImportsDocument,
    "query JitDeniedField { territory(spsti: \"sstrn\") { label spsti { name } establishments(first: 2) { totalCount } } }": typeof types.JitDeniedFieldDocument,
    "query JitEstablishments { establishments(first: 1000) { totalCount nodes { siret name naf { code label } sector { label }\n      sectorSinistralite(years: { from: 2023, to: 2024 }, level: CLASS) { year frequencyIndex } accidents { year accidents } } pageInfo { hasNextPage endCursor } } }": typeof types.JitEstablishmentsDocument,
    "query JitIntrospection { __schema { queryType { name } types { name kind fields { name } } } __type(name: \"Sector\") { name fields { name args { name defaultValue } } } }": typeof types.JitIntrospectionDocument,
    "query SectorAndSources {\n      sector(naf: \"41\") { code kind naf { level }\n        sinistralite(territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { year accidents frequencyIndex }\n        sumer(indicators: [\"manual_handling\"]) { period prevalence n } }\n      sinistralite(sector: { naf: \"41\" }, territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { year accidents frequencyIndex }\n      sumer(sector: { naf: \"41\" }, indicators: [\"manual_handling\"]) { period prevalence n }\n    }": typeof types.SectorAndSourcesDocument,
    "query SectorEstablishments { sector(naf: \"F\") { establishments(territory: { departement: \"44\" }, first: 200) {\n      totalCount nodes { naf { code } departement } } } }": typeof types.SectorEstablishmentsDocument,
    "query CtnSector { sector(ctn: \"B\") { label sinistralite(years: { from: 2019, to: 2024 }) { accidents } } }": typeof types.CtnSectorDocument,
    "query CtnSectorSumer { sector(ctn: \"B\") { sumer { prevalence } } }": typeof types.CtnSectorSumerDocument,
    "query NafAndCtnSector { sector(naf: \"41\", ctn: \"B\") { label } }": typeof types.NafAndCtnSectorDocument,
    "query SpstiArea { territory(spsti: \"sstrn\") { kind code departements caisses { slug } spsti { id }\n      establishments(first: 100) { nodes { departement spsti { id } } }\n      annex4(year: 2024) { spsti { id } } } }": typeof types.SpstiAreaDocument,
    "query DepartementAndCaisse {\n      dep: territory(departement: \"49\") { kind caisses { slug } sinistralite(years: { from: 2019, to: 2024 }, groupBy: []) { accidents } sumer(indicators: [\"manual_handling\"]) { region { code } } }\n      caisse: territory(caisse: \"carsat-pays-de-la-loire\") { sinistralite(years: { from: 2019, to: 2024 }, groupBy: []) { accidents } }\n    }": typeof types.DepartementAndCaisseDocument,
    "query UnknownSpsti { territory(spsti: \"nope\") { label } }": typeof types.UnknownSpstiDocument,
    "query TwoTerritories { territory(spsti: \"sstrn\", region: \"52\") { label } }": typeof types.TwoTerritoriesDocument,
    "query ThemeSources { theme(code: TMS) { mpTableaux { code }\n      maladiesProfessionnelles(territory: { region: \"52\" }, years: { from: 2019, to: 2024 }, groupBy: [TABLEAU]) { tableau { code } cases }\n      sumer(period: \"2016-2017\") { indicator }\n      cpomActions(territory: { region: \"52\" }) { theme }\n      annex4(year: 2024, territory: { region: \"52\" }) { theme } } }": typeof types.ThemeSourcesDocument,
    "query OneSstrnEstablishment { establishments(spsti: \"sstrn\", sector: { naf: \"41\" }, first: 1) { nodes { siret naf { code } } } }": typeof types.OneSstrnEstablishmentDocument,
    "query EstablishmentAndSector($siret: Siret!, $naf4: NafCode!) {\n      establishment(siret: $siret) { sector { code } sectorSinistralite(years: { from: 2019, to: 2024 }, level: CLASS) { year frequencyIndex } accidents { year } }\n      sinistralite(sector: { naf: $naf4 }, territory: { caisse: \"carsat-pays-de-la-loire\" }, years: { from: 2019, to: 2024 }) { year frequencyIndex }\n    }": typeof types.EstablishmentAndSectorDocument,
    "query EstablishmentsAcrossSources($first: Int) { establishments(first: $first) { nodes {\n    siret spsti { name } sector { label }\n    sectorSinistralite(years: { from: 2023, to: 2024 }, level: CLASS) { frequencyIndex }\n    accidents { year accidents } } } }": typeof types.EstablishmentsAcrossSourcesDocument,
    "query AboutVersion { about { version } }": typeof types.AboutVersionDocument,
    "query DeepNafTree { sector(naf: \"4120A\") { naf { parent { parent { parent { parent { parent { code } } } } } } } }": typeof types.DeepNafTreeDocument,
    "query SstrnSignalements { pdpSignalements(years: { from: 2019, to: 2026 }, org: \"sstrn\") { year direction origin { id } recipient { id } count suppressed } }": typeof types.SstrnSignalementsDocument,
    "query PrivacyFichesNoMedical { fichesLiaison(org: \"sstrn\", first: 20) { totalCount nodes {\n    id ref job { poste } arret { lengthBand } capacities { restrictions } actions { type } } } }": typeof types.PrivacyFichesNoMedicalDocument,
    "query PrivacyFichesMedical { fichesLiaison(org: \"sstrn\", first: 20) { totalCount nodes { id medical { pathologyGroup } } } }": typeof types.PrivacyFichesMedicalDocument,
    "query PrivacyFichesHeader { fichesLiaison(org: \"sstrn\", first: 20) { totalCount nodes {\n    id ref status direction origin { id } recipient { id } updatedAt version outcome worker { pseudonym } } } }": typeof types.PrivacyFichesHeaderDocument,
    "query PrivacyFichesJobActions { fichesLiaison(org: \"sstrn\", first: 20) { totalCount nodes { id job { siret } actions { type } } } }": typeof types.PrivacyFichesJobActionsDocument,
    "query PrivacyFragments { fichesLiaison(first: 5) { nodes { id ...PrivacyStop ... on FicheLiaison { capacities { restrictions } } } } }\n      fragment PrivacyStop on FicheLiaison { arret { riskType } }": typeof types.PrivacyFragmentsDocument,
    "query PrivacyFichesAllGroups($first: Int) { fichesLiaison(org: \"sstrn\", first: $first) { totalCount nodes {\n      id ref consent { groups } worker { pseudonym } job { siret } arret { riskType } capacities { restrictions } actions { type partner { id } } medical { pathologyGroup }\n    } } }": typeof types.PrivacyFichesAllGroupsDocument,
    "query PrivacyOneFiche($id: ID!) { ficheLiaison(id: $id) { ref job { poste } medical { ald } } }": typeof types.PrivacyOneFicheDocument,
    "query PrivacyPartnerFiches($first: Int) { fichesLiaison(first: $first) { nodes { id origin { id } job { siret } arret { riskType } } } }": typeof types.PrivacyPartnerFichesDocument,
    "query PrivacyNotices { consentWithdrawals(first: 1000) { totalCount nodes { id ref recipient { id } withdrawnAt } } }": typeof types.PrivacyNoticesDocument,
    "query PrivacyDeniedList { fichesLiaison(first: 50) { totalCount nodes { id job { siret } medical { ald } } } }": typeof types.PrivacyDeniedListDocument,
    "query PrivacyDeniedOne { ficheLiaison(id: \"fl_any\") { id job { siret } arret { riskType } medical { ald } } }": typeof types.PrivacyDeniedOneDocument,
    "query ScopeFiches($org: ID, $siret: Siret, $first: Int) { fichesLiaison(org: $org, siret: $siret, first: $first) { totalCount nodes { id origin { id } recipient { id } } } }": typeof types.ScopeFichesDocument,
    "query ScopeFiche($id: ID!) { ficheLiaison(id: $id) { id job { siret poste } arret { lengthBand riskType } medical { pathologyGroup ald } } }": typeof types.ScopeFicheDocument,
    "query ScopeFicheNoMedical($id: ID!) { ficheLiaison(id: $id) { id job { siret poste } arret { lengthBand riskType } } }": typeof types.ScopeFicheNoMedicalDocument,
    "query ScopeNotices { consentWithdrawals(first: 1000) { totalCount nodes { id ref recipient { type id } withdrawnAt } } }": typeof types.ScopeNoticesDocument,
    "query ScopeNoticesSince($since: DateTime) { consentWithdrawals(since: $since) { nodes { id ref recipient { id } withdrawnAt } } }": typeof types.ScopeNoticesSinceDocument,
    "fragment PdpFicheHeader on FicheLiaison {\n  id ref status direction motif origin { type id } recipient { type id } createdAt sentAt updatedAt version outcome\n}": typeof types.PdpFicheHeaderFragmentDoc,
    "fragment PdpFicheGroups on FicheLiaison {\n  consent { givenAt how recipients { type id } groups withdrawnAt } worker { pseudonym }\n  job { siret naf5 poste contractType headcountBand } arret { startDate lengthBand riskType rqth } capacities { restrictions }\n  actions { type date partner { type id } } medical { pathologyGroup ald tauxIp note }\n}": typeof types.PdpFicheGroupsFragmentDoc,
    "query PdpFiche($id: ID!) { ficheLiaison(id: $id) { ...PdpFicheHeader ...PdpFicheGroups } }": typeof types.PdpFicheDocument,
    "query PdpFiches($org: ID, $status: [FicheStatus!], $direction: FicheDirection, $siret: Siret, $updatedSince: DateTime, $first: Int, $after: String) {\n  fichesLiaison(org: $org, status: $status, direction: $direction, siret: $siret, updatedSince: $updatedSince, first: $first, after: $after) {\n    totalCount pageInfo { hasNextPage endCursor } nodes { id status direction origin { id } recipient { id } updatedAt job { siret } } } }": typeof types.PdpFichesDocument,
    "query PdpSignalements($years: YearRange!, $org: ID) { pdpSignalements(years: $years, org: $org) { year direction origin { type id } recipient { type id } count } }": typeof types.PdpSignalementsDocument,
    "query PdpMeasures($years: YearRange!, $org: ID) { pdpMeasures(years: $years, org: $org) { year type count } }": typeof types.PdpMeasuresDocument,
    "query PdpSignalementsLiteral { pdpSignalements(years: { from: 2022, to: 2025 }, org: \"sstrn\") { year direction origin { type id } recipient { type id } count } }": typeof types.PdpSignalementsLiteralDocument,
    "query PdpMeasuresLiteral { pdpMeasures(years: { from: 2024, to: 2024 }) { year type count } }": typeof types.PdpMeasuresLiteralDocument,
    "query RowVersions {\n      sumer(indicators: [\"manual_handling\"], period: \"2016-2017\") { n dataVersions { id dataset organisation { id } } }\n      evrest(indicators: [\"heavy_loads\"], period: \"2023-2024\") { n dataVersions { id dataset organisation { id } } }\n      mcp(years: { from: 2023, to: 2023 }, pathologies: [\"tms\"]) { n dataVersions { id dataset organisation { id } } }\n      spsti(id: \"sstrn\") { activity(years: { from: 2024, to: 2024 }) { year dataVersions { id dataset organisation { id } } } }\n    }": typeof types.RowVersionsDocument,
    "query RegionalRowVersions {\n      sumerRegional(territory: { region: \"52\" }, sector: { naf: \"F\" }, breakdown: [AGE_BAND]) { suppressed dataVersions { id dataset organisation { id } } }\n      mcpRegional(territory: { region: \"52\" }, breakdown: [SEX, AGE_BAND]) { suppressed dataVersions { id dataset organisation { id } } }\n    }": typeof types.RegionalRowVersionsDocument,
    "query FewRowVersions {\n      sumer(indicators: [\"manual_handling\"], period: \"2016-2017\", breakdown: [AGE_BAND]) { dataVersions { id dataset organisation { id } } }\n      mcp(years: { from: 2019, to: 2023 }, pathologies: [\"tms\"]) { dataVersions { id dataset organisation { id } } }\n      spstis { activity(years: { from: 2024, to: 2024 }) { dataVersions { id dataset organisation { id } } } }\n    }": typeof types.FewRowVersionsDocument,
    "query ManyRowVersions {\n      sumer(indicators: [\"manual_handling\", \"postures\", \"chemical_any\", \"noise_85db\", \"night_work\"], breakdown: [AGE_BAND]) { dataVersions { id dataset organisation { id } } }\n      mcp(years: { from: 2019, to: 2023 }, pathologies: [\"tms\", \"psychic_distress\"] breakdown: [AGE_BAND]) { dataVersions { id dataset organisation { id } } }\n      spstis { activity { dataVersions { id dataset organisation { id } } } }\n    }": typeof types.ManyRowVersionsDocument,
    "query CachedEstablishments { establishments(first: 50) { totalCount nodes { siret departement } } }": typeof types.CachedEstablishmentsDocument,
    "query CachedSpsti { spsti(id: \"sstrn\") { name } }": typeof types.CachedSpstiDocument,
    "query ResilienceOpenData { sinistralite(sector: { naf: \"41\" }, years: { from: 2023, to: 2024 }) { year employees } }": typeof types.ResilienceOpenDataDocument,
    "query SstrnCpom { cpom(id: \"cpom-sstrn-2025\") { generation signatories { type id } crpstOpinionOn signedOn startsOn endsOn\n      spsti { id } inForceOn(date: \"2027-01-01\") volets { number mandatory actions { theme title indicators { label kind } phases { name deadline dueBy } pilots { organisation { type } role } } } } }": typeof types.SstrnCpomDocument,
    "query CpomActionsAndFiches { cpom(id: \"cpom-sstrn-2025\") { volets { number\n      actions { __typename id volet theme title description pilots { organisation { type id } role } phases { name dueBy } indicators { label kind } cpom { id } spsti { id } }\n      fiches { __typename id volet theme title description pilots { organisation { type id } role } phases { name dueBy } indicators { label kind } cpom { id } spsti { id } } } } }": typeof types.CpomActionsAndFichesDocument,
    "query UnknownCpom { cpom(id: \"nope\") { id } }": typeof types.UnknownCpomDocument,
    "query SstrnCpoms { spsti(id: \"sstrn\") { cpoms { id generation startsOn endsOn } } }": typeof types.SstrnCpomsDocument,
    "query CpomActions($theme: ThemeCode, $territory: TerritoryInput, $year: Year) { cpomActions(theme: $theme, territory: $territory, year: $year) {\n    id theme volet cpom { id startsOn endsOn } spsti { id } } }": typeof types.CpomActionsDocument,
    "query Annex4($year: Year!, $theme: ThemeCode, $territory: TerritoryInput) { annex4(year: $year, theme: $theme, territory: $territory) {\n    theme volet year suppressed formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog commentaire cpomSignedOn cpomEndsOn dueBy reportedAt\n    cpom { id } spsti { id } } }": typeof types.Annex4Document,
    "query CpomAnnex4 { cpom(id: \"cpom-sstrn-2020\") { annex4 { year theme } y2023: annex4(year: 2023) { year theme } } }": typeof types.CpomAnnex4Document,
    "query Establishments($sector: SectorInput, $territory: TerritoryInput, $spsti: ID, $first: Int, $after: String) {\n  establishments(sector: $sector, territory: $territory, spsti: $spsti, first: $first, after: $after) {\n    totalCount pageInfo { hasNextPage endCursor } nodes { siret naf { code } departement spsti { id } }\n  }\n}": typeof types.EstablishmentsDocument,
    "query SpstisEstablishments { spstis { id establishments(first: 5) { totalCount nodes { spsti { id } } pageInfo { hasNextPage } } } }": typeof types.SpstisEstablishmentsDocument,
    "query SstrnConstruction($after: String) { spsti(id: \"sstrn\") { establishments(sector: { naf: \"F\" }, first: 20, after: $after) {\n      totalCount pageInfo { endCursor } nodes { siret naf { code } } } } }": typeof types.SstrnConstructionDocument,
    "query EstablishmentsWithSpsti($first: Int) { establishments(first: $first) { totalCount nodes { siret headcountBand spsti { name } } } }": typeof types.EstablishmentsWithSpstiDocument,
    "query EstablishmentSpsti($s: Siret!) { establishment(siret: $s) { siret name spsti { id } } }": typeof types.EstablishmentSpstiDocument,
    "query Spstis { spstis { id region { code } departements } }": typeof types.SpstisDocument,
    "query SstrnCard { spsti(id: \"sstrn\") { name shortName headquartersCity figuresAsOf salariesSuivis adherents equipes centres\n      hasCellulePdp staff { medecinsTravail collaborateursMedecins infirmiers preventeurs assistantsSst assistantesMedicales total } } }": typeof types.SstrnCardDocument,
    "query UnknownSpstiCard { spsti(id: \"nope\") { id } }": typeof types.UnknownSpstiCardDocument,
    "query SmallActivity { spsti(id: \"stvo\") { activity(years: { from: 2024, to: 2024 }) {\n      visits { vip sir reprise preReprise aLaDemande miCarriere finCarriere total suppressed } amt { total }\n      pdp { situations signalementsVersServiceSocial signalementsDuServiceSocial inaptitudes amenagements suppressed } } } }": typeof types.SmallActivityDocument,
    "query SstrnActivity { spsti(id: \"sstrn\") { activity(years: { from: 2023, to: 2024 }) { year salariesSuivis adherents staff { total }\n      visits { vip sir reprise preReprise aLaDemande miCarriere finCarriere total } amt { total etudesPoste } pdp { inaptitudes signalementsVersServiceSocial } } } }": typeof types.SstrnActivityDocument,
    "query StvoActivity { spsti(id: \"stvo\") { activity { year visits { total } } } }": typeof types.StvoActivityDocument,
    "query EstablishmentCard($s: Siret!) { establishment(siret: $s) { siret name naf { code level } ctn { code } headcount headcountBand departement memberSince spsti { id } } }": typeof types.EstablishmentCardDocument,
    "query LaPosteEstablishment { establishment(siret: \"35600000000001\") { name } }": typeof types.LaPosteEstablishmentDocument,
    "query EstablishmentName($s: Siret!) { establishment(siret: $s) { name } }": typeof types.EstablishmentNameDocument,
};
const documents: Documents = {
    "query CelluleReadsFiches($org: ID!) {\n  fichesLiaison(org: $org, first: 5) {\n    totalCount\n    nodes { id ref status worker { pseudonym } job { siret poste } arret { startDate lengthBand } actions { type date } }\n  }\n}": types.CelluleReadsFichesDocument,
    "query Trail($from: DateTime, $to: DateTime, $first: Int, $after: String) {\n  auditTrail(from: $from, to: $to, first: $first, after: $after) {\n    totalCount\n    nodes { id at requestId subject organisation { type id } roles operationName ficheId pseudonym fields }\n    pageInfo { hasNextPage endCursor }\n  }\n}": types.TrailDocument,
    "query Twice($id: ID!) { a: ficheLiaison(id: $id) { ref j: job { poste } } b: ficheLiaison(id: $id) { ref } }": types.TwiceDocument,
    "query AuditPublicAggregate { sinistralite(sector: { naf: \"41\" }, years: { from: 2024, to: 2024 }) { year accidents } }": types.AuditPublicAggregateDocument,
    "query AuditPartnerAggregate { pdpSignalements(years: { from: 2023, to: 2024 }, org: \"sstrn\") { year count } }": types.AuditPartnerAggregateDocument,
    "query CarsatReadsFiches { fichesLiaison(org: \"carsat-pays-de-la-loire\", first: 3) { nodes { id ref } } }": types.CarsatReadsFichesDocument,
    "query AboutDisclosure { about { disclosure { smallCountThreshold minUnits publicationGrids protectedFigures } } }": types.AboutDisclosureDocument,
    "query About { about { version seedScale } }": types.AboutDocument,
    "query ThemeAccidents($code: ThemeCode!, $sector: SectorInput, $territory: TerritoryInput, $years: YearRange!) {\n    theme(code: $code) { atCauses accidents(sector: $sector, territory: $territory, years: $years) { year accidents themeAccidents share suppressed } }\n    sinistralite(sector: $sector, territory: $territory, years: $years) { year accidents } }": types.ThemeAccidentsDocument,
    "query NationAndCaisses { all: sinistralite(years: { from: 2023, to: 2023 }, groupBy: []) { accidents employees }\n      byCaisse: sinistralite(years: { from: 2023, to: 2023 }, groupBy: [CAISSE]) { caisse { slug } accidents employees }\n      mp: maladiesProfessionnelles(years: { from: 2023, to: 2023 }, groupBy: []) { cases } }": types.NationAndCaissesDocument,
    "query SecretMeasure($t: TerritoryInput) { cell: sinistralite(sector: { naf: \"4120A\" }, territory: $t, years: { from: 2023, to: 2023 }) { accidents itDays employees suppressed }\n      total: sinistralite(territory: $t, years: { from: 2023, to: 2023 }, groupBy: []) { accidents suppressed } }": types.SecretMeasureDocument,
    "query EstablishmentAccidents($s: Siret!) { establishment(siret: $s) { accidents { siret year accidents itDays newIp } } }": types.EstablishmentAccidentsDocument,
    "query EstablishmentAccidentYears($s: Siret!) { establishment(siret: $s) { accidents { year } } }": types.EstablishmentAccidentYearsDocument,
    "query CarsatSinistralite($kind: AtKind, $sector: SectorInput, $territory: TerritoryInput, $years: YearRange!, $groupBy: [AtGroupBy!]) {\n  sinistralite(kind: $kind, sector: $sector, territory: $territory, years: $years, groupBy: $groupBy) {\n    year caisse { slug } ctn { code } naf2 { code } ageBand sex employees hoursWorked accidents itDays ipRateSum\n    deaths frequencyIndex frequencyRate severityRate severityIndex } }": types.CarsatSinistraliteDocument,
    "query CarsatMp($sector: SectorInput, $years: YearRange!, $tableaux: [String!], $groupBy: [MpGroupBy!]) {\n  maladiesProfessionnelles(sector: $sector, years: $years, tableaux: $tableaux, groupBy: $groupBy) {\n    year tableau { code label } syndrome { code tableau { code } flags } naf2 { code } cases newIpFrom10 deaths itDays } }": types.CarsatMpDocument,
    "query FollowUpDefinitions {\n  cpom(id: \"cpom-sstrn-2025\") {\n    volets { actions { id indicators { id label kind unit source computedFrom baseline { value year note } targets { year value } } } }\n  }\n}": types.FollowUpDefinitionsDocument,
    "query FollowUpValues($cpom: ID!, $year: Year) {\n  cpom(id: $cpom) {\n    volets { actions { id indicators { id source values(year: $year) {\n      id year source value suppressed parts { key value suppressed } comment version comments { id onVersion }\n    } } } }\n  }\n}": types.FollowUpValuesDocument,
    "query FollowUpBilans($cpom: ID!) {\n  cpom(id: $cpom) {\n    finalBilan { id kind summary version action { id } cpom { id } }\n    volets { actions { id bilans { id kind year summary version history { action } comments { text organisation { type } } } } }\n  }\n}": types.FollowUpBilansDocument,
    "mutation RecordValue($input: RecordIndicatorValueInput!) {\n  recordIndicatorValue(input: $input) { id year source value comment version updatedAt history { action organisation { type id } roles version } }\n}": types.RecordValueDocument,
    "mutation RecordBilan($input: RecordActionBilanInput!) {\n  recordActionBilan(input: $input) { id kind year summary difficulties version action { id } }\n}": types.RecordBilanDocument,
    "mutation RecordFinal($input: RecordCpomFinalBilanInput!) {\n  recordCpomFinalBilan(input: $input) { id kind year summary version cpom { id } }\n}": types.RecordFinalDocument,
    "mutation CommentFollowUp($input: CommentCpomFollowUpInput!) {\n  commentCpomFollowUp(input: $input) {\n    comment { id text organisation { type id } roles onVersion }\n    value { id version comments { id } history { action } }\n    bilan { id version }\n  }\n}": types.CommentFollowUpDocument,
    "query SstrnPreReprise { pdpMeasures(years: { from: 2020, to: 2026 }, org: \"sstrn\") { year type count suppressed } }": types.SstrnPreRepriseDocument,
    "query SstrnAnnex4 { cpom(id: \"cpom-sstrn-2020\") { annex4 { year theme formes } } }": types.SstrnAnnex4Document,
    "query FollowUpOneSpsti { cpomActions(territory: { departement: \"44\" }) {\n    id cpom { finalBilan { id } } bilans { id } indicators { id values { year value suppressed } } } }": types.FollowUpOneSpstiDocument,
    "query FollowUpAllSpstis { cpomActions(territory: { region: \"52\" }) {\n    id cpom { finalBilan { id } } bilans { id } indicators { id values { year value suppressed } } } }": types.FollowUpAllSpstisDocument,
    "query DisclosureSinistralite($sector: SectorInput, $groupBy: [AtGroupBy!], $years: YearRange!) {\n  sinistralite(sector: $sector, territory: { region: \"52\" }, years: $years, groupBy: $groupBy) {\n    suppressed year ctn { code }\n    employees hoursWorked establishments accidents accidentsWith4Days newIpBelow10 newIpFrom10 deaths itDays ipRateSum\n    frequencyIndex frequencyRate severityRate severityIndex } }": types.DisclosureSinistraliteDocument,
    "fragment DisclosureAtFields on SinistraliteRow { suppressed year accidents deaths frequencyIndex }": types.DisclosureAtFieldsFragmentDoc,
    "query DisclosureThreeWays {\n      a: sinistralite(sector: { naf: \"F\" }, territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields }\n      b: sinistralite(sector: { naf: \"C\" }, territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields }\n      sector(naf: \"F\") { sinistralite(territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields } } }": types.DisclosureThreeWaysDocument,
    "query DisclosureAlone { sinistralite(sector: { naf: \"F\" }, territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields } }": types.DisclosureAloneDocument,
    "query DisclosureAnnex4($year: Year!) { annex4(year: $year, territory: { region: \"52\" }) {\n    cpom { id } theme suppressed commentaire formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog } }": types.DisclosureAnnex4Document,
    "fragment DisclosureAnnex4Row on Annex4Row {\n      cpom { id } theme suppressed formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog\n    }": types.DisclosureAnnex4RowFragmentDoc,
    "query DisclosureAnnex4Region { annex4(year: 2024, territory: { region: \"52\" }) { ...DisclosureAnnex4Row } }": types.DisclosureAnnex4RegionDocument,
    "query DisclosureAnnex4Cpom { cpom(id: \"cpom-sstrn-2020\") { annex4(year: 2024) { ...DisclosureAnnex4Row } } }": types.DisclosureAnnex4CpomDocument,
    "query DisclosureAnnex4Theme { theme(code: TMS) { annex4(year: 2024) { ...DisclosureAnnex4Row } } }": types.DisclosureAnnex4ThemeDocument,
    "query DisclosureSignalements($org: ID) { pdpSignalements(years: { from: 2019, to: 2025 }, org: $org) {\n    year direction origin { id } recipient { id } count suppressed } }": types.DisclosureSignalementsDocument,
    "query DisclosureMeasures($years: YearRange!) { pdpMeasures(years: $years, org: \"sstrn\") { year type count suppressed } }": types.DisclosureMeasuresDocument,
    "query DisclosureMcp($years: YearRange) { mcp(years: $years, pathologies: [\"hearing\"], breakdown: [SEX, AGE_BAND]) {\n    year sex ageBand n count prevalence confidenceInterval { low high } suppressed } }": types.DisclosureMcpDocument,
    "query DisclosureMcpRegional { mcpRegional(territory: { region: \"52\" }, pathologies: [\"hearing\"], breakdown: [SEX]) { year sex n count suppressed } }": types.DisclosureMcpRegionalDocument,
    "query DisclosureEvrest($sector: SectorInput) {\n      evrest(sector: $sector, indicators: [\"long_hours\"], period: \"2021-2022\", breakdown: [SEX]) { sex n count suppressed } }": types.DisclosureEvrestDocument,
    "fragment EvrestCell on EvrestIndicator { sex ageBand region { code } n count prevalence confidenceInterval { low high } source }": types.EvrestCellFragmentDoc,
    "fragment McpCell on McpIndicator { sex ageBand region { code } n count prevalence confidenceInterval { low high } source }": types.McpCellFragmentDoc,
    "query Evrest($territory: TerritoryInput!, $sector: SectorInput, $indicators: [String!], $period: String, $breakdown: [SurveyBreakdown!]) {\n  national: evrest(sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { indicator label category period sector { code level } ...EvrestCell }\n  regional: evrestRegional(territory: $territory, sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { indicator period sector { code } ...EvrestCell } }": types.EvrestDocument,
    "query Mcp($territory: TerritoryInput!, $years: YearRange, $pathologies: [String!], $breakdown: [SurveyBreakdown!]) {\n  national: mcp(years: $years, pathologies: $pathologies, breakdown: $breakdown) { pathology label theme year ...McpCell }\n  regional: mcpRegional(territory: $territory, years: $years, pathologies: $pathologies, breakdown: $breakdown) { pathology year ...McpCell } }": types.McpDocument,
    "query EvrestIndicators($i: [String!]) { evrest(indicators: $i) { n } }": types.EvrestIndicatorsDocument,
    "query EvrestCatalogue { evrestIndicatorCatalogue { code label category } }": types.EvrestCatalogueDocument,
    "query McpPathologies($p: [String!], $y: YearRange) { mcp(pathologies: $p, years: $y) { n } }": types.McpPathologiesDocument,
    "query McpCatalogue { mcpPathologyCatalogue { code theme } }": types.McpCatalogueDocument,
    "fragment DreetsSumerRow on SumerIndicator {\n  indicator period sex ageBand sector { code level } region { code } n count prevalence confidenceInterval { low high } source\n}": types.DreetsSumerRowFragmentDoc,
    "query Sumer($sector: SectorInput, $indicators: [String!], $period: String, $breakdown: [SurveyBreakdown!]) {\n  sumer(sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { ...DreetsSumerRow label theme } }": types.SumerDocument,
    "query SumerRegional($territory: TerritoryInput!, $sector: SectorInput, $indicators: [String!], $period: String, $breakdown: [SurveyBreakdown!]) {\n  sumerRegional(territory: $territory, sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { ...DreetsSumerRow } }": types.SumerRegionalDocument,
    "query SumerCatalogue { sumerIndicatorCatalogue { code label theme } }": types.SumerCatalogueDocument,
    "query UnknownEstablishment { establishment(siret: \"73282932000074\") { siret } }": types.UnknownEstablishmentDocument,
    "query StoryIndicators($y: Year!) {\n  pdpSignalements(years: { from: $y, to: $y }, org: \"sstrn\") { year direction origin { id } recipient { id } count }\n  pdpMeasures(years: { from: $y, to: $y }, org: \"sstrn\") { year type count }\n}": types.StoryIndicatorsDocument,
    "query StoryInbox($since: DateTime) {\n  inbox(since: $since, status: [SENT]) { totalCount nodes { id ref status version job { poste } arret { lengthBand } } }\n}": types.StoryInboxDocument,
    "fragment ExchangeFiche on FicheLiaison {\n  id ref status version direction origin { type id } recipient { type id } sentAt closedAt outcome updatedAt\n  consent { givenAt how recipients { id } groups withdrawnAt } worker { pseudonym }\n  job { siret poste } arret { startDate lengthBand } capacities { restrictions }\n  actions { type date partner { id } } messages { id from { id } author text }\n}": types.ExchangeFicheFragmentDoc,
    "mutation ExchangeCreate($input: CreateFicheDraftInput!) { createFicheDraft(input: $input) { ...ExchangeFiche } }": types.ExchangeCreateDocument,
    "mutation ExchangeUpdate($input: UpdateFicheInput!) { updateFiche(input: $input) { ...ExchangeFiche } }": types.ExchangeUpdateDocument,
    "mutation ExchangeConsent($input: RecordFicheConsentInput!) { recordFicheConsent(input: $input) { ...ExchangeFiche } }": types.ExchangeConsentDocument,
    "mutation ExchangeWithdraw($input: WithdrawFicheConsentInput!) { withdrawFicheConsent(input: $input) { id status version consent { withdrawnAt } } }": types.ExchangeWithdrawDocument,
    "mutation ExchangeSend($input: SendFicheInput!) { sendFiche(input: $input) { ...ExchangeFiche } }": types.ExchangeSendDocument,
    "mutation ExchangeAcknowledge($input: AcknowledgeFicheInput!) { acknowledgeFiche(input: $input) { id status version } }": types.ExchangeAcknowledgeDocument,
    "mutation ExchangeAction($input: AddFicheActionInput!) { addFicheAction(input: $input) { id status version actions { type date } } }": types.ExchangeActionDocument,
    "mutation ExchangeMessage($input: PostFicheMessageInput!) { postFicheMessage(input: $input) { id status version messages { from { id } text } } }": types.ExchangeMessageDocument,
    "mutation ExchangeClose($input: CloseFicheInput!) { closeFiche(input: $input) { id status version outcome closedAt } }": types.ExchangeCloseDocument,
    "query ExchangeOne($id: ID!) { ficheLiaison(id: $id) { ...ExchangeFiche } }": types.ExchangeOneDocument,
    "query Notices($since: DateTime) { consentWithdrawals(since: $since) { totalCount pageInfo { hasNextPage } nodes { id ref recipient { type id } withdrawnAt } } }": types.NoticesDocument,
    "query InboxAndFiches { inbox(first: 1000) { totalCount nodes { id } } fichesLiaison(first: 1000) { totalCount nodes { id } } }": types.InboxAndFichesDocument,
    "query ConsentWithdrawalShape { __type(name: \"ConsentWithdrawal\") { fields { name } } }": types.ConsentWithdrawalShapeDocument,
    "query AllNotices { consentWithdrawals(first: 1000) { totalCount nodes { id withdrawnAt } } }": types.AllNoticesDocument,
    "query NoticesPage($after: String) { consentWithdrawals(first: 2, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }": types.NoticesPageDocument,
    "query ForeignNoticesCursor { consentWithdrawals(after: \"bm90LWEtY3Vyc29y\") { totalCount } }": types.ForeignNoticesCursorDocument,
    "query NoticesCount { consentWithdrawals { totalCount } }": types.NoticesCountDocument,
    "query InboxPage($since: DateTime, $first: Int, $after: String, $status: [FicheStatus!]) {\n    inbox(since: $since, first: $first, after: $after, status: $status) { totalCount pageInfo { hasNextPage endCursor } nodes { id status updatedAt recipient { id } } }\n  }": types.InboxPageDocument,
    "query InboxGroups($first: Int) { inbox(first: $first) { totalCount nodes { id job { poste } arret { lengthBand } } } }": types.InboxGroupsDocument,
    "query ThirdPartyLists { inbox(first: 1000) { nodes { id } } fichesLiaison(first: 1000) { nodes { id } } }": types.ThirdPartyListsDocument,
    "query MessagesAudit($id: ID!) { ficheLiaison(id: $id) { id messages { id text } } }": types.MessagesAuditDocument,
    "query PurgeIndicators {\n  all: pdpSignalements(years: { from: 2015, to: 2035 }) { year direction origin { id } recipient { id } count suppressed }\n  sstrn: pdpSignalements(years: { from: 2015, to: 2035 }, org: \"sstrn\") { year direction origin { id } recipient { id } count }\n  measures: pdpMeasures(years: { from: 2015, to: 2035 }) { year type count suppressed }\n  sstrnMeasures: pdpMeasures(years: { from: 2015, to: 2035 }, org: \"sstrn\") { year type count }\n}": types.PurgeIndicatorsDocument,
    "query FicheNaf5($id: ID!) { ficheLiaison(id: $id) { job { naf5 } } }": types.FicheNaf5Document,
    "query ShapeInbox { inbox(status: [SENT, ACKNOWLEDGED], first: 1000) { totalCount nodes { id status job { poste } } } }": types.ShapeInboxDocument,
    "query ImportedRowVersions { sector(naf: \"F\") { sinistralite(territory: { region: \"52\" }, years: { from: 2022, to: 2023 }) { year dataVersions { id fileName organisation { id } } } } }": types.ImportedRowVersionsDocument,
    "query CarsatAtVersions { datasets(dataset: \"carsat-at\") { id organisation { type id } sha256 rowsAccepted periodFrom periodTo state slices importedBy } }": types.CarsatAtVersionsDocument,
    "query MyCarsatAtImports { myImports(dataset: \"carsat-at\") { id state importedBy rowsRefused } }": types.MyCarsatAtImportsDocument,
    "query JitDeniedField { territory(spsti: \"sstrn\") { label spsti { name } establishments(first: 2) { totalCount } } }": types.JitDeniedFieldDocument,
    "query JitEstablishments { establishments(first: 1000) { totalCount nodes { siret name naf { code label } sector { label }\n      sectorSinistralite(years: { from: 2023, to: 2024 }, level: CLASS) { year frequencyIndex } accidents { year accidents } } pageInfo { hasNextPage endCursor } } }": types.JitEstablishmentsDocument,
    "query JitIntrospection { __schema { queryType { name } types { name kind fields { name } } } __type(name: \"Sector\") { name fields { name args { name defaultValue } } } }": types.JitIntrospectionDocument,
    "query SectorAndSources {\n      sector(naf: \"41\") { code kind naf { level }\n        sinistralite(territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { year accidents frequencyIndex }\n        sumer(indicators: [\"manual_handling\"]) { period prevalence n } }\n      sinistralite(sector: { naf: \"41\" }, territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { year accidents frequencyIndex }\n      sumer(sector: { naf: \"41\" }, indicators: [\"manual_handling\"]) { period prevalence n }\n    }": types.SectorAndSourcesDocument,
    "query SectorEstablishments { sector(naf: \"F\") { establishments(territory: { departement: \"44\" }, first: 200) {\n      totalCount nodes { naf { code } departement } } } }": types.SectorEstablishmentsDocument,
    "query CtnSector { sector(ctn: \"B\") { label sinistralite(years: { from: 2019, to: 2024 }) { accidents } } }": types.CtnSectorDocument,
    "query CtnSectorSumer { sector(ctn: \"B\") { sumer { prevalence } } }": types.CtnSectorSumerDocument,
    "query NafAndCtnSector { sector(naf: \"41\", ctn: \"B\") { label } }": types.NafAndCtnSectorDocument,
    "query SpstiArea { territory(spsti: \"sstrn\") { kind code departements caisses { slug } spsti { id }\n      establishments(first: 100) { nodes { departement spsti { id } } }\n      annex4(year: 2024) { spsti { id } } } }": types.SpstiAreaDocument,
    "query DepartementAndCaisse {\n      dep: territory(departement: \"49\") { kind caisses { slug } sinistralite(years: { from: 2019, to: 2024 }, groupBy: []) { accidents } sumer(indicators: [\"manual_handling\"]) { region { code } } }\n      caisse: territory(caisse: \"carsat-pays-de-la-loire\") { sinistralite(years: { from: 2019, to: 2024 }, groupBy: []) { accidents } }\n    }": types.DepartementAndCaisseDocument,
    "query UnknownSpsti { territory(spsti: \"nope\") { label } }": types.UnknownSpstiDocument,
    "query TwoTerritories { territory(spsti: \"sstrn\", region: \"52\") { label } }": types.TwoTerritoriesDocument,
    "query ThemeSources { theme(code: TMS) { mpTableaux { code }\n      maladiesProfessionnelles(territory: { region: \"52\" }, years: { from: 2019, to: 2024 }, groupBy: [TABLEAU]) { tableau { code } cases }\n      sumer(period: \"2016-2017\") { indicator }\n      cpomActions(territory: { region: \"52\" }) { theme }\n      annex4(year: 2024, territory: { region: \"52\" }) { theme } } }": types.ThemeSourcesDocument,
    "query OneSstrnEstablishment { establishments(spsti: \"sstrn\", sector: { naf: \"41\" }, first: 1) { nodes { siret naf { code } } } }": types.OneSstrnEstablishmentDocument,
    "query EstablishmentAndSector($siret: Siret!, $naf4: NafCode!) {\n      establishment(siret: $siret) { sector { code } sectorSinistralite(years: { from: 2019, to: 2024 }, level: CLASS) { year frequencyIndex } accidents { year } }\n      sinistralite(sector: { naf: $naf4 }, territory: { caisse: \"carsat-pays-de-la-loire\" }, years: { from: 2019, to: 2024 }) { year frequencyIndex }\n    }": types.EstablishmentAndSectorDocument,
    "query EstablishmentsAcrossSources($first: Int) { establishments(first: $first) { nodes {\n    siret spsti { name } sector { label }\n    sectorSinistralite(years: { from: 2023, to: 2024 }, level: CLASS) { frequencyIndex }\n    accidents { year accidents } } } }": types.EstablishmentsAcrossSourcesDocument,
    "query AboutVersion { about { version } }": types.AboutVersionDocument,
    "query DeepNafTree { sector(naf: \"4120A\") { naf { parent { parent { parent { parent { parent { code } } } } } } } }": types.DeepNafTreeDocument,
    "query SstrnSignalements { pdpSignalements(years: { from: 2019, to: 2026 }, org: \"sstrn\") { year direction origin { id } recipient { id } count suppressed } }": types.SstrnSignalementsDocument,
    "query PrivacyFichesNoMedical { fichesLiaison(org: \"sstrn\", first: 20) { totalCount nodes {\n    id ref job { poste } arret { lengthBand } capacities { restrictions } actions { type } } } }": types.PrivacyFichesNoMedicalDocument,
    "query PrivacyFichesMedical { fichesLiaison(org: \"sstrn\", first: 20) { totalCount nodes { id medical { pathologyGroup } } } }": types.PrivacyFichesMedicalDocument,
    "query PrivacyFichesHeader { fichesLiaison(org: \"sstrn\", first: 20) { totalCount nodes {\n    id ref status direction origin { id } recipient { id } updatedAt version outcome worker { pseudonym } } } }": types.PrivacyFichesHeaderDocument,
    "query PrivacyFichesJobActions { fichesLiaison(org: \"sstrn\", first: 20) { totalCount nodes { id job { siret } actions { type } } } }": types.PrivacyFichesJobActionsDocument,
    "query PrivacyFragments { fichesLiaison(first: 5) { nodes { id ...PrivacyStop ... on FicheLiaison { capacities { restrictions } } } } }\n      fragment PrivacyStop on FicheLiaison { arret { riskType } }": types.PrivacyFragmentsDocument,
    "query PrivacyFichesAllGroups($first: Int) { fichesLiaison(org: \"sstrn\", first: $first) { totalCount nodes {\n      id ref consent { groups } worker { pseudonym } job { siret } arret { riskType } capacities { restrictions } actions { type partner { id } } medical { pathologyGroup }\n    } } }": types.PrivacyFichesAllGroupsDocument,
    "query PrivacyOneFiche($id: ID!) { ficheLiaison(id: $id) { ref job { poste } medical { ald } } }": types.PrivacyOneFicheDocument,
    "query PrivacyPartnerFiches($first: Int) { fichesLiaison(first: $first) { nodes { id origin { id } job { siret } arret { riskType } } } }": types.PrivacyPartnerFichesDocument,
    "query PrivacyNotices { consentWithdrawals(first: 1000) { totalCount nodes { id ref recipient { id } withdrawnAt } } }": types.PrivacyNoticesDocument,
    "query PrivacyDeniedList { fichesLiaison(first: 50) { totalCount nodes { id job { siret } medical { ald } } } }": types.PrivacyDeniedListDocument,
    "query PrivacyDeniedOne { ficheLiaison(id: \"fl_any\") { id job { siret } arret { riskType } medical { ald } } }": types.PrivacyDeniedOneDocument,
    "query ScopeFiches($org: ID, $siret: Siret, $first: Int) { fichesLiaison(org: $org, siret: $siret, first: $first) { totalCount nodes { id origin { id } recipient { id } } } }": types.ScopeFichesDocument,
    "query ScopeFiche($id: ID!) { ficheLiaison(id: $id) { id job { siret poste } arret { lengthBand riskType } medical { pathologyGroup ald } } }": types.ScopeFicheDocument,
    "query ScopeFicheNoMedical($id: ID!) { ficheLiaison(id: $id) { id job { siret poste } arret { lengthBand riskType } } }": types.ScopeFicheNoMedicalDocument,
    "query ScopeNotices { consentWithdrawals(first: 1000) { totalCount nodes { id ref recipient { type id } withdrawnAt } } }": types.ScopeNoticesDocument,
    "query ScopeNoticesSince($since: DateTime) { consentWithdrawals(since: $since) { nodes { id ref recipient { id } withdrawnAt } } }": types.ScopeNoticesSinceDocument,
    "fragment PdpFicheHeader on FicheLiaison {\n  id ref status direction motif origin { type id } recipient { type id } createdAt sentAt updatedAt version outcome\n}": types.PdpFicheHeaderFragmentDoc,
    "fragment PdpFicheGroups on FicheLiaison {\n  consent { givenAt how recipients { type id } groups withdrawnAt } worker { pseudonym }\n  job { siret naf5 poste contractType headcountBand } arret { startDate lengthBand riskType rqth } capacities { restrictions }\n  actions { type date partner { type id } } medical { pathologyGroup ald tauxIp note }\n}": types.PdpFicheGroupsFragmentDoc,
    "query PdpFiche($id: ID!) { ficheLiaison(id: $id) { ...PdpFicheHeader ...PdpFicheGroups } }": types.PdpFicheDocument,
    "query PdpFiches($org: ID, $status: [FicheStatus!], $direction: FicheDirection, $siret: Siret, $updatedSince: DateTime, $first: Int, $after: String) {\n  fichesLiaison(org: $org, status: $status, direction: $direction, siret: $siret, updatedSince: $updatedSince, first: $first, after: $after) {\n    totalCount pageInfo { hasNextPage endCursor } nodes { id status direction origin { id } recipient { id } updatedAt job { siret } } } }": types.PdpFichesDocument,
    "query PdpSignalements($years: YearRange!, $org: ID) { pdpSignalements(years: $years, org: $org) { year direction origin { type id } recipient { type id } count } }": types.PdpSignalementsDocument,
    "query PdpMeasures($years: YearRange!, $org: ID) { pdpMeasures(years: $years, org: $org) { year type count } }": types.PdpMeasuresDocument,
    "query PdpSignalementsLiteral { pdpSignalements(years: { from: 2022, to: 2025 }, org: \"sstrn\") { year direction origin { type id } recipient { type id } count } }": types.PdpSignalementsLiteralDocument,
    "query PdpMeasuresLiteral { pdpMeasures(years: { from: 2024, to: 2024 }) { year type count } }": types.PdpMeasuresLiteralDocument,
    "query RowVersions {\n      sumer(indicators: [\"manual_handling\"], period: \"2016-2017\") { n dataVersions { id dataset organisation { id } } }\n      evrest(indicators: [\"heavy_loads\"], period: \"2023-2024\") { n dataVersions { id dataset organisation { id } } }\n      mcp(years: { from: 2023, to: 2023 }, pathologies: [\"tms\"]) { n dataVersions { id dataset organisation { id } } }\n      spsti(id: \"sstrn\") { activity(years: { from: 2024, to: 2024 }) { year dataVersions { id dataset organisation { id } } } }\n    }": types.RowVersionsDocument,
    "query RegionalRowVersions {\n      sumerRegional(territory: { region: \"52\" }, sector: { naf: \"F\" }, breakdown: [AGE_BAND]) { suppressed dataVersions { id dataset organisation { id } } }\n      mcpRegional(territory: { region: \"52\" }, breakdown: [SEX, AGE_BAND]) { suppressed dataVersions { id dataset organisation { id } } }\n    }": types.RegionalRowVersionsDocument,
    "query FewRowVersions {\n      sumer(indicators: [\"manual_handling\"], period: \"2016-2017\", breakdown: [AGE_BAND]) { dataVersions { id dataset organisation { id } } }\n      mcp(years: { from: 2019, to: 2023 }, pathologies: [\"tms\"]) { dataVersions { id dataset organisation { id } } }\n      spstis { activity(years: { from: 2024, to: 2024 }) { dataVersions { id dataset organisation { id } } } }\n    }": types.FewRowVersionsDocument,
    "query ManyRowVersions {\n      sumer(indicators: [\"manual_handling\", \"postures\", \"chemical_any\", \"noise_85db\", \"night_work\"], breakdown: [AGE_BAND]) { dataVersions { id dataset organisation { id } } }\n      mcp(years: { from: 2019, to: 2023 }, pathologies: [\"tms\", \"psychic_distress\"] breakdown: [AGE_BAND]) { dataVersions { id dataset organisation { id } } }\n      spstis { activity { dataVersions { id dataset organisation { id } } } }\n    }": types.ManyRowVersionsDocument,
    "query CachedEstablishments { establishments(first: 50) { totalCount nodes { siret departement } } }": types.CachedEstablishmentsDocument,
    "query CachedSpsti { spsti(id: \"sstrn\") { name } }": types.CachedSpstiDocument,
    "query ResilienceOpenData { sinistralite(sector: { naf: \"41\" }, years: { from: 2023, to: 2024 }) { year employees } }": types.ResilienceOpenDataDocument,
    "query SstrnCpom { cpom(id: \"cpom-sstrn-2025\") { generation signatories { type id } crpstOpinionOn signedOn startsOn endsOn\n      spsti { id } inForceOn(date: \"2027-01-01\") volets { number mandatory actions { theme title indicators { label kind } phases { name deadline dueBy } pilots { organisation { type } role } } } } }": types.SstrnCpomDocument,
    "query CpomActionsAndFiches { cpom(id: \"cpom-sstrn-2025\") { volets { number\n      actions { __typename id volet theme title description pilots { organisation { type id } role } phases { name dueBy } indicators { label kind } cpom { id } spsti { id } }\n      fiches { __typename id volet theme title description pilots { organisation { type id } role } phases { name dueBy } indicators { label kind } cpom { id } spsti { id } } } } }": types.CpomActionsAndFichesDocument,
    "query UnknownCpom { cpom(id: \"nope\") { id } }": types.UnknownCpomDocument,
    "query SstrnCpoms { spsti(id: \"sstrn\") { cpoms { id generation startsOn endsOn } } }": types.SstrnCpomsDocument,
    "query CpomActions($theme: ThemeCode, $territory: TerritoryInput, $year: Year) { cpomActions(theme: $theme, territory: $territory, year: $year) {\n    id theme volet cpom { id startsOn endsOn } spsti { id } } }": types.CpomActionsDocument,
    "query Annex4($year: Year!, $theme: ThemeCode, $territory: TerritoryInput) { annex4(year: $year, theme: $theme, territory: $territory) {\n    theme volet year suppressed formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog commentaire cpomSignedOn cpomEndsOn dueBy reportedAt\n    cpom { id } spsti { id } } }": types.Annex4Document,
    "query CpomAnnex4 { cpom(id: \"cpom-sstrn-2020\") { annex4 { year theme } y2023: annex4(year: 2023) { year theme } } }": types.CpomAnnex4Document,
    "query Establishments($sector: SectorInput, $territory: TerritoryInput, $spsti: ID, $first: Int, $after: String) {\n  establishments(sector: $sector, territory: $territory, spsti: $spsti, first: $first, after: $after) {\n    totalCount pageInfo { hasNextPage endCursor } nodes { siret naf { code } departement spsti { id } }\n  }\n}": types.EstablishmentsDocument,
    "query SpstisEstablishments { spstis { id establishments(first: 5) { totalCount nodes { spsti { id } } pageInfo { hasNextPage } } } }": types.SpstisEstablishmentsDocument,
    "query SstrnConstruction($after: String) { spsti(id: \"sstrn\") { establishments(sector: { naf: \"F\" }, first: 20, after: $after) {\n      totalCount pageInfo { endCursor } nodes { siret naf { code } } } } }": types.SstrnConstructionDocument,
    "query EstablishmentsWithSpsti($first: Int) { establishments(first: $first) { totalCount nodes { siret headcountBand spsti { name } } } }": types.EstablishmentsWithSpstiDocument,
    "query EstablishmentSpsti($s: Siret!) { establishment(siret: $s) { siret name spsti { id } } }": types.EstablishmentSpstiDocument,
    "query Spstis { spstis { id region { code } departements } }": types.SpstisDocument,
    "query SstrnCard { spsti(id: \"sstrn\") { name shortName headquartersCity figuresAsOf salariesSuivis adherents equipes centres\n      hasCellulePdp staff { medecinsTravail collaborateursMedecins infirmiers preventeurs assistantsSst assistantesMedicales total } } }": types.SstrnCardDocument,
    "query UnknownSpstiCard { spsti(id: \"nope\") { id } }": types.UnknownSpstiCardDocument,
    "query SmallActivity { spsti(id: \"stvo\") { activity(years: { from: 2024, to: 2024 }) {\n      visits { vip sir reprise preReprise aLaDemande miCarriere finCarriere total suppressed } amt { total }\n      pdp { situations signalementsVersServiceSocial signalementsDuServiceSocial inaptitudes amenagements suppressed } } } }": types.SmallActivityDocument,
    "query SstrnActivity { spsti(id: \"sstrn\") { activity(years: { from: 2023, to: 2024 }) { year salariesSuivis adherents staff { total }\n      visits { vip sir reprise preReprise aLaDemande miCarriere finCarriere total } amt { total etudesPoste } pdp { inaptitudes signalementsVersServiceSocial } } } }": types.SstrnActivityDocument,
    "query StvoActivity { spsti(id: \"stvo\") { activity { year visits { total } } } }": types.StvoActivityDocument,
    "query EstablishmentCard($s: Siret!) { establishment(siret: $s) { siret name naf { code level } ctn { code } headcount headcountBand departement memberSince spsti { id } } }": types.EstablishmentCardDocument,
    "query LaPosteEstablishment { establishment(siret: \"35600000000001\") { name } }": types.LaPosteEstablishmentDocument,
    "query EstablishmentName($s: Siret!) { establishment(siret: $s) { name } }": types.EstablishmentNameDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CelluleReadsFiches($org: ID!) {\n  fichesLiaison(org: $org, first: 5) {\n    totalCount\n    nodes { id ref status worker { pseudonym } job { siret poste } arret { startDate lengthBand } actions { type date } }\n  }\n}"): (typeof documents)["query CelluleReadsFiches($org: ID!) {\n  fichesLiaison(org: $org, first: 5) {\n    totalCount\n    nodes { id ref status worker { pseudonym } job { siret poste } arret { startDate lengthBand } actions { type date } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Trail($from: DateTime, $to: DateTime, $first: Int, $after: String) {\n  auditTrail(from: $from, to: $to, first: $first, after: $after) {\n    totalCount\n    nodes { id at requestId subject organisation { type id } roles operationName ficheId pseudonym fields }\n    pageInfo { hasNextPage endCursor }\n  }\n}"): (typeof documents)["query Trail($from: DateTime, $to: DateTime, $first: Int, $after: String) {\n  auditTrail(from: $from, to: $to, first: $first, after: $after) {\n    totalCount\n    nodes { id at requestId subject organisation { type id } roles operationName ficheId pseudonym fields }\n    pageInfo { hasNextPage endCursor }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Twice($id: ID!) { a: ficheLiaison(id: $id) { ref j: job { poste } } b: ficheLiaison(id: $id) { ref } }"): (typeof documents)["query Twice($id: ID!) { a: ficheLiaison(id: $id) { ref j: job { poste } } b: ficheLiaison(id: $id) { ref } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuditPublicAggregate { sinistralite(sector: { naf: \"41\" }, years: { from: 2024, to: 2024 }) { year accidents } }"): (typeof documents)["query AuditPublicAggregate { sinistralite(sector: { naf: \"41\" }, years: { from: 2024, to: 2024 }) { year accidents } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuditPartnerAggregate { pdpSignalements(years: { from: 2023, to: 2024 }, org: \"sstrn\") { year count } }"): (typeof documents)["query AuditPartnerAggregate { pdpSignalements(years: { from: 2023, to: 2024 }, org: \"sstrn\") { year count } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CarsatReadsFiches { fichesLiaison(org: \"carsat-pays-de-la-loire\", first: 3) { nodes { id ref } } }"): (typeof documents)["query CarsatReadsFiches { fichesLiaison(org: \"carsat-pays-de-la-loire\", first: 3) { nodes { id ref } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AboutDisclosure { about { disclosure { smallCountThreshold minUnits publicationGrids protectedFigures } } }"): (typeof documents)["query AboutDisclosure { about { disclosure { smallCountThreshold minUnits publicationGrids protectedFigures } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query About { about { version seedScale } }"): (typeof documents)["query About { about { version seedScale } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ThemeAccidents($code: ThemeCode!, $sector: SectorInput, $territory: TerritoryInput, $years: YearRange!) {\n    theme(code: $code) { atCauses accidents(sector: $sector, territory: $territory, years: $years) { year accidents themeAccidents share suppressed } }\n    sinistralite(sector: $sector, territory: $territory, years: $years) { year accidents } }"): (typeof documents)["query ThemeAccidents($code: ThemeCode!, $sector: SectorInput, $territory: TerritoryInput, $years: YearRange!) {\n    theme(code: $code) { atCauses accidents(sector: $sector, territory: $territory, years: $years) { year accidents themeAccidents share suppressed } }\n    sinistralite(sector: $sector, territory: $territory, years: $years) { year accidents } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NationAndCaisses { all: sinistralite(years: { from: 2023, to: 2023 }, groupBy: []) { accidents employees }\n      byCaisse: sinistralite(years: { from: 2023, to: 2023 }, groupBy: [CAISSE]) { caisse { slug } accidents employees }\n      mp: maladiesProfessionnelles(years: { from: 2023, to: 2023 }, groupBy: []) { cases } }"): (typeof documents)["query NationAndCaisses { all: sinistralite(years: { from: 2023, to: 2023 }, groupBy: []) { accidents employees }\n      byCaisse: sinistralite(years: { from: 2023, to: 2023 }, groupBy: [CAISSE]) { caisse { slug } accidents employees }\n      mp: maladiesProfessionnelles(years: { from: 2023, to: 2023 }, groupBy: []) { cases } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SecretMeasure($t: TerritoryInput) { cell: sinistralite(sector: { naf: \"4120A\" }, territory: $t, years: { from: 2023, to: 2023 }) { accidents itDays employees suppressed }\n      total: sinistralite(territory: $t, years: { from: 2023, to: 2023 }, groupBy: []) { accidents suppressed } }"): (typeof documents)["query SecretMeasure($t: TerritoryInput) { cell: sinistralite(sector: { naf: \"4120A\" }, territory: $t, years: { from: 2023, to: 2023 }) { accidents itDays employees suppressed }\n      total: sinistralite(territory: $t, years: { from: 2023, to: 2023 }, groupBy: []) { accidents suppressed } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EstablishmentAccidents($s: Siret!) { establishment(siret: $s) { accidents { siret year accidents itDays newIp } } }"): (typeof documents)["query EstablishmentAccidents($s: Siret!) { establishment(siret: $s) { accidents { siret year accidents itDays newIp } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EstablishmentAccidentYears($s: Siret!) { establishment(siret: $s) { accidents { year } } }"): (typeof documents)["query EstablishmentAccidentYears($s: Siret!) { establishment(siret: $s) { accidents { year } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CarsatSinistralite($kind: AtKind, $sector: SectorInput, $territory: TerritoryInput, $years: YearRange!, $groupBy: [AtGroupBy!]) {\n  sinistralite(kind: $kind, sector: $sector, territory: $territory, years: $years, groupBy: $groupBy) {\n    year caisse { slug } ctn { code } naf2 { code } ageBand sex employees hoursWorked accidents itDays ipRateSum\n    deaths frequencyIndex frequencyRate severityRate severityIndex } }"): (typeof documents)["query CarsatSinistralite($kind: AtKind, $sector: SectorInput, $territory: TerritoryInput, $years: YearRange!, $groupBy: [AtGroupBy!]) {\n  sinistralite(kind: $kind, sector: $sector, territory: $territory, years: $years, groupBy: $groupBy) {\n    year caisse { slug } ctn { code } naf2 { code } ageBand sex employees hoursWorked accidents itDays ipRateSum\n    deaths frequencyIndex frequencyRate severityRate severityIndex } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CarsatMp($sector: SectorInput, $years: YearRange!, $tableaux: [String!], $groupBy: [MpGroupBy!]) {\n  maladiesProfessionnelles(sector: $sector, years: $years, tableaux: $tableaux, groupBy: $groupBy) {\n    year tableau { code label } syndrome { code tableau { code } flags } naf2 { code } cases newIpFrom10 deaths itDays } }"): (typeof documents)["query CarsatMp($sector: SectorInput, $years: YearRange!, $tableaux: [String!], $groupBy: [MpGroupBy!]) {\n  maladiesProfessionnelles(sector: $sector, years: $years, tableaux: $tableaux, groupBy: $groupBy) {\n    year tableau { code label } syndrome { code tableau { code } flags } naf2 { code } cases newIpFrom10 deaths itDays } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FollowUpDefinitions {\n  cpom(id: \"cpom-sstrn-2025\") {\n    volets { actions { id indicators { id label kind unit source computedFrom baseline { value year note } targets { year value } } } }\n  }\n}"): (typeof documents)["query FollowUpDefinitions {\n  cpom(id: \"cpom-sstrn-2025\") {\n    volets { actions { id indicators { id label kind unit source computedFrom baseline { value year note } targets { year value } } } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FollowUpValues($cpom: ID!, $year: Year) {\n  cpom(id: $cpom) {\n    volets { actions { id indicators { id source values(year: $year) {\n      id year source value suppressed parts { key value suppressed } comment version comments { id onVersion }\n    } } } }\n  }\n}"): (typeof documents)["query FollowUpValues($cpom: ID!, $year: Year) {\n  cpom(id: $cpom) {\n    volets { actions { id indicators { id source values(year: $year) {\n      id year source value suppressed parts { key value suppressed } comment version comments { id onVersion }\n    } } } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FollowUpBilans($cpom: ID!) {\n  cpom(id: $cpom) {\n    finalBilan { id kind summary version action { id } cpom { id } }\n    volets { actions { id bilans { id kind year summary version history { action } comments { text organisation { type } } } } }\n  }\n}"): (typeof documents)["query FollowUpBilans($cpom: ID!) {\n  cpom(id: $cpom) {\n    finalBilan { id kind summary version action { id } cpom { id } }\n    volets { actions { id bilans { id kind year summary version history { action } comments { text organisation { type } } } } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RecordValue($input: RecordIndicatorValueInput!) {\n  recordIndicatorValue(input: $input) { id year source value comment version updatedAt history { action organisation { type id } roles version } }\n}"): (typeof documents)["mutation RecordValue($input: RecordIndicatorValueInput!) {\n  recordIndicatorValue(input: $input) { id year source value comment version updatedAt history { action organisation { type id } roles version } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RecordBilan($input: RecordActionBilanInput!) {\n  recordActionBilan(input: $input) { id kind year summary difficulties version action { id } }\n}"): (typeof documents)["mutation RecordBilan($input: RecordActionBilanInput!) {\n  recordActionBilan(input: $input) { id kind year summary difficulties version action { id } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RecordFinal($input: RecordCpomFinalBilanInput!) {\n  recordCpomFinalBilan(input: $input) { id kind year summary version cpom { id } }\n}"): (typeof documents)["mutation RecordFinal($input: RecordCpomFinalBilanInput!) {\n  recordCpomFinalBilan(input: $input) { id kind year summary version cpom { id } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CommentFollowUp($input: CommentCpomFollowUpInput!) {\n  commentCpomFollowUp(input: $input) {\n    comment { id text organisation { type id } roles onVersion }\n    value { id version comments { id } history { action } }\n    bilan { id version }\n  }\n}"): (typeof documents)["mutation CommentFollowUp($input: CommentCpomFollowUpInput!) {\n  commentCpomFollowUp(input: $input) {\n    comment { id text organisation { type id } roles onVersion }\n    value { id version comments { id } history { action } }\n    bilan { id version }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SstrnPreReprise { pdpMeasures(years: { from: 2020, to: 2026 }, org: \"sstrn\") { year type count suppressed } }"): (typeof documents)["query SstrnPreReprise { pdpMeasures(years: { from: 2020, to: 2026 }, org: \"sstrn\") { year type count suppressed } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SstrnAnnex4 { cpom(id: \"cpom-sstrn-2020\") { annex4 { year theme formes } } }"): (typeof documents)["query SstrnAnnex4 { cpom(id: \"cpom-sstrn-2020\") { annex4 { year theme formes } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FollowUpOneSpsti { cpomActions(territory: { departement: \"44\" }) {\n    id cpom { finalBilan { id } } bilans { id } indicators { id values { year value suppressed } } } }"): (typeof documents)["query FollowUpOneSpsti { cpomActions(territory: { departement: \"44\" }) {\n    id cpom { finalBilan { id } } bilans { id } indicators { id values { year value suppressed } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FollowUpAllSpstis { cpomActions(territory: { region: \"52\" }) {\n    id cpom { finalBilan { id } } bilans { id } indicators { id values { year value suppressed } } } }"): (typeof documents)["query FollowUpAllSpstis { cpomActions(territory: { region: \"52\" }) {\n    id cpom { finalBilan { id } } bilans { id } indicators { id values { year value suppressed } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DisclosureSinistralite($sector: SectorInput, $groupBy: [AtGroupBy!], $years: YearRange!) {\n  sinistralite(sector: $sector, territory: { region: \"52\" }, years: $years, groupBy: $groupBy) {\n    suppressed year ctn { code }\n    employees hoursWorked establishments accidents accidentsWith4Days newIpBelow10 newIpFrom10 deaths itDays ipRateSum\n    frequencyIndex frequencyRate severityRate severityIndex } }"): (typeof documents)["query DisclosureSinistralite($sector: SectorInput, $groupBy: [AtGroupBy!], $years: YearRange!) {\n  sinistralite(sector: $sector, territory: { region: \"52\" }, years: $years, groupBy: $groupBy) {\n    suppressed year ctn { code }\n    employees hoursWorked establishments accidents accidentsWith4Days newIpBelow10 newIpFrom10 deaths itDays ipRateSum\n    frequencyIndex frequencyRate severityRate severityIndex } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment DisclosureAtFields on SinistraliteRow { suppressed year accidents deaths frequencyIndex }"): (typeof documents)["fragment DisclosureAtFields on SinistraliteRow { suppressed year accidents deaths frequencyIndex }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DisclosureThreeWays {\n      a: sinistralite(sector: { naf: \"F\" }, territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields }\n      b: sinistralite(sector: { naf: \"C\" }, territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields }\n      sector(naf: \"F\") { sinistralite(territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields } } }"): (typeof documents)["query DisclosureThreeWays {\n      a: sinistralite(sector: { naf: \"F\" }, territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields }\n      b: sinistralite(sector: { naf: \"C\" }, territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields }\n      sector(naf: \"F\") { sinistralite(territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DisclosureAlone { sinistralite(sector: { naf: \"F\" }, territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields } }"): (typeof documents)["query DisclosureAlone { sinistralite(sector: { naf: \"F\" }, territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DisclosureAnnex4($year: Year!) { annex4(year: $year, territory: { region: \"52\" }) {\n    cpom { id } theme suppressed commentaire formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog } }"): (typeof documents)["query DisclosureAnnex4($year: Year!) { annex4(year: $year, territory: { region: \"52\" }) {\n    cpom { id } theme suppressed commentaire formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment DisclosureAnnex4Row on Annex4Row {\n      cpom { id } theme suppressed formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog\n    }"): (typeof documents)["fragment DisclosureAnnex4Row on Annex4Row {\n      cpom { id } theme suppressed formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog\n    }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DisclosureAnnex4Region { annex4(year: 2024, territory: { region: \"52\" }) { ...DisclosureAnnex4Row } }"): (typeof documents)["query DisclosureAnnex4Region { annex4(year: 2024, territory: { region: \"52\" }) { ...DisclosureAnnex4Row } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DisclosureAnnex4Cpom { cpom(id: \"cpom-sstrn-2020\") { annex4(year: 2024) { ...DisclosureAnnex4Row } } }"): (typeof documents)["query DisclosureAnnex4Cpom { cpom(id: \"cpom-sstrn-2020\") { annex4(year: 2024) { ...DisclosureAnnex4Row } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DisclosureAnnex4Theme { theme(code: TMS) { annex4(year: 2024) { ...DisclosureAnnex4Row } } }"): (typeof documents)["query DisclosureAnnex4Theme { theme(code: TMS) { annex4(year: 2024) { ...DisclosureAnnex4Row } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DisclosureSignalements($org: ID) { pdpSignalements(years: { from: 2019, to: 2025 }, org: $org) {\n    year direction origin { id } recipient { id } count suppressed } }"): (typeof documents)["query DisclosureSignalements($org: ID) { pdpSignalements(years: { from: 2019, to: 2025 }, org: $org) {\n    year direction origin { id } recipient { id } count suppressed } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DisclosureMeasures($years: YearRange!) { pdpMeasures(years: $years, org: \"sstrn\") { year type count suppressed } }"): (typeof documents)["query DisclosureMeasures($years: YearRange!) { pdpMeasures(years: $years, org: \"sstrn\") { year type count suppressed } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DisclosureMcp($years: YearRange) { mcp(years: $years, pathologies: [\"hearing\"], breakdown: [SEX, AGE_BAND]) {\n    year sex ageBand n count prevalence confidenceInterval { low high } suppressed } }"): (typeof documents)["query DisclosureMcp($years: YearRange) { mcp(years: $years, pathologies: [\"hearing\"], breakdown: [SEX, AGE_BAND]) {\n    year sex ageBand n count prevalence confidenceInterval { low high } suppressed } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DisclosureMcpRegional { mcpRegional(territory: { region: \"52\" }, pathologies: [\"hearing\"], breakdown: [SEX]) { year sex n count suppressed } }"): (typeof documents)["query DisclosureMcpRegional { mcpRegional(territory: { region: \"52\" }, pathologies: [\"hearing\"], breakdown: [SEX]) { year sex n count suppressed } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DisclosureEvrest($sector: SectorInput) {\n      evrest(sector: $sector, indicators: [\"long_hours\"], period: \"2021-2022\", breakdown: [SEX]) { sex n count suppressed } }"): (typeof documents)["query DisclosureEvrest($sector: SectorInput) {\n      evrest(sector: $sector, indicators: [\"long_hours\"], period: \"2021-2022\", breakdown: [SEX]) { sex n count suppressed } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment EvrestCell on EvrestIndicator { sex ageBand region { code } n count prevalence confidenceInterval { low high } source }"): (typeof documents)["fragment EvrestCell on EvrestIndicator { sex ageBand region { code } n count prevalence confidenceInterval { low high } source }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment McpCell on McpIndicator { sex ageBand region { code } n count prevalence confidenceInterval { low high } source }"): (typeof documents)["fragment McpCell on McpIndicator { sex ageBand region { code } n count prevalence confidenceInterval { low high } source }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Evrest($territory: TerritoryInput!, $sector: SectorInput, $indicators: [String!], $period: String, $breakdown: [SurveyBreakdown!]) {\n  national: evrest(sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { indicator label category period sector { code level } ...EvrestCell }\n  regional: evrestRegional(territory: $territory, sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { indicator period sector { code } ...EvrestCell } }"): (typeof documents)["query Evrest($territory: TerritoryInput!, $sector: SectorInput, $indicators: [String!], $period: String, $breakdown: [SurveyBreakdown!]) {\n  national: evrest(sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { indicator label category period sector { code level } ...EvrestCell }\n  regional: evrestRegional(territory: $territory, sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { indicator period sector { code } ...EvrestCell } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Mcp($territory: TerritoryInput!, $years: YearRange, $pathologies: [String!], $breakdown: [SurveyBreakdown!]) {\n  national: mcp(years: $years, pathologies: $pathologies, breakdown: $breakdown) { pathology label theme year ...McpCell }\n  regional: mcpRegional(territory: $territory, years: $years, pathologies: $pathologies, breakdown: $breakdown) { pathology year ...McpCell } }"): (typeof documents)["query Mcp($territory: TerritoryInput!, $years: YearRange, $pathologies: [String!], $breakdown: [SurveyBreakdown!]) {\n  national: mcp(years: $years, pathologies: $pathologies, breakdown: $breakdown) { pathology label theme year ...McpCell }\n  regional: mcpRegional(territory: $territory, years: $years, pathologies: $pathologies, breakdown: $breakdown) { pathology year ...McpCell } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EvrestIndicators($i: [String!]) { evrest(indicators: $i) { n } }"): (typeof documents)["query EvrestIndicators($i: [String!]) { evrest(indicators: $i) { n } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EvrestCatalogue { evrestIndicatorCatalogue { code label category } }"): (typeof documents)["query EvrestCatalogue { evrestIndicatorCatalogue { code label category } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query McpPathologies($p: [String!], $y: YearRange) { mcp(pathologies: $p, years: $y) { n } }"): (typeof documents)["query McpPathologies($p: [String!], $y: YearRange) { mcp(pathologies: $p, years: $y) { n } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query McpCatalogue { mcpPathologyCatalogue { code theme } }"): (typeof documents)["query McpCatalogue { mcpPathologyCatalogue { code theme } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment DreetsSumerRow on SumerIndicator {\n  indicator period sex ageBand sector { code level } region { code } n count prevalence confidenceInterval { low high } source\n}"): (typeof documents)["fragment DreetsSumerRow on SumerIndicator {\n  indicator period sex ageBand sector { code level } region { code } n count prevalence confidenceInterval { low high } source\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Sumer($sector: SectorInput, $indicators: [String!], $period: String, $breakdown: [SurveyBreakdown!]) {\n  sumer(sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { ...DreetsSumerRow label theme } }"): (typeof documents)["query Sumer($sector: SectorInput, $indicators: [String!], $period: String, $breakdown: [SurveyBreakdown!]) {\n  sumer(sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { ...DreetsSumerRow label theme } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SumerRegional($territory: TerritoryInput!, $sector: SectorInput, $indicators: [String!], $period: String, $breakdown: [SurveyBreakdown!]) {\n  sumerRegional(territory: $territory, sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { ...DreetsSumerRow } }"): (typeof documents)["query SumerRegional($territory: TerritoryInput!, $sector: SectorInput, $indicators: [String!], $period: String, $breakdown: [SurveyBreakdown!]) {\n  sumerRegional(territory: $territory, sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { ...DreetsSumerRow } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SumerCatalogue { sumerIndicatorCatalogue { code label theme } }"): (typeof documents)["query SumerCatalogue { sumerIndicatorCatalogue { code label theme } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UnknownEstablishment { establishment(siret: \"73282932000074\") { siret } }"): (typeof documents)["query UnknownEstablishment { establishment(siret: \"73282932000074\") { siret } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StoryIndicators($y: Year!) {\n  pdpSignalements(years: { from: $y, to: $y }, org: \"sstrn\") { year direction origin { id } recipient { id } count }\n  pdpMeasures(years: { from: $y, to: $y }, org: \"sstrn\") { year type count }\n}"): (typeof documents)["query StoryIndicators($y: Year!) {\n  pdpSignalements(years: { from: $y, to: $y }, org: \"sstrn\") { year direction origin { id } recipient { id } count }\n  pdpMeasures(years: { from: $y, to: $y }, org: \"sstrn\") { year type count }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StoryInbox($since: DateTime) {\n  inbox(since: $since, status: [SENT]) { totalCount nodes { id ref status version job { poste } arret { lengthBand } } }\n}"): (typeof documents)["query StoryInbox($since: DateTime) {\n  inbox(since: $since, status: [SENT]) { totalCount nodes { id ref status version job { poste } arret { lengthBand } } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ExchangeFiche on FicheLiaison {\n  id ref status version direction origin { type id } recipient { type id } sentAt closedAt outcome updatedAt\n  consent { givenAt how recipients { id } groups withdrawnAt } worker { pseudonym }\n  job { siret poste } arret { startDate lengthBand } capacities { restrictions }\n  actions { type date partner { id } } messages { id from { id } author text }\n}"): (typeof documents)["fragment ExchangeFiche on FicheLiaison {\n  id ref status version direction origin { type id } recipient { type id } sentAt closedAt outcome updatedAt\n  consent { givenAt how recipients { id } groups withdrawnAt } worker { pseudonym }\n  job { siret poste } arret { startDate lengthBand } capacities { restrictions }\n  actions { type date partner { id } } messages { id from { id } author text }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ExchangeCreate($input: CreateFicheDraftInput!) { createFicheDraft(input: $input) { ...ExchangeFiche } }"): (typeof documents)["mutation ExchangeCreate($input: CreateFicheDraftInput!) { createFicheDraft(input: $input) { ...ExchangeFiche } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ExchangeUpdate($input: UpdateFicheInput!) { updateFiche(input: $input) { ...ExchangeFiche } }"): (typeof documents)["mutation ExchangeUpdate($input: UpdateFicheInput!) { updateFiche(input: $input) { ...ExchangeFiche } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ExchangeConsent($input: RecordFicheConsentInput!) { recordFicheConsent(input: $input) { ...ExchangeFiche } }"): (typeof documents)["mutation ExchangeConsent($input: RecordFicheConsentInput!) { recordFicheConsent(input: $input) { ...ExchangeFiche } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ExchangeWithdraw($input: WithdrawFicheConsentInput!) { withdrawFicheConsent(input: $input) { id status version consent { withdrawnAt } } }"): (typeof documents)["mutation ExchangeWithdraw($input: WithdrawFicheConsentInput!) { withdrawFicheConsent(input: $input) { id status version consent { withdrawnAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ExchangeSend($input: SendFicheInput!) { sendFiche(input: $input) { ...ExchangeFiche } }"): (typeof documents)["mutation ExchangeSend($input: SendFicheInput!) { sendFiche(input: $input) { ...ExchangeFiche } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ExchangeAcknowledge($input: AcknowledgeFicheInput!) { acknowledgeFiche(input: $input) { id status version } }"): (typeof documents)["mutation ExchangeAcknowledge($input: AcknowledgeFicheInput!) { acknowledgeFiche(input: $input) { id status version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ExchangeAction($input: AddFicheActionInput!) { addFicheAction(input: $input) { id status version actions { type date } } }"): (typeof documents)["mutation ExchangeAction($input: AddFicheActionInput!) { addFicheAction(input: $input) { id status version actions { type date } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ExchangeMessage($input: PostFicheMessageInput!) { postFicheMessage(input: $input) { id status version messages { from { id } text } } }"): (typeof documents)["mutation ExchangeMessage($input: PostFicheMessageInput!) { postFicheMessage(input: $input) { id status version messages { from { id } text } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ExchangeClose($input: CloseFicheInput!) { closeFiche(input: $input) { id status version outcome closedAt } }"): (typeof documents)["mutation ExchangeClose($input: CloseFicheInput!) { closeFiche(input: $input) { id status version outcome closedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ExchangeOne($id: ID!) { ficheLiaison(id: $id) { ...ExchangeFiche } }"): (typeof documents)["query ExchangeOne($id: ID!) { ficheLiaison(id: $id) { ...ExchangeFiche } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Notices($since: DateTime) { consentWithdrawals(since: $since) { totalCount pageInfo { hasNextPage } nodes { id ref recipient { type id } withdrawnAt } } }"): (typeof documents)["query Notices($since: DateTime) { consentWithdrawals(since: $since) { totalCount pageInfo { hasNextPage } nodes { id ref recipient { type id } withdrawnAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InboxAndFiches { inbox(first: 1000) { totalCount nodes { id } } fichesLiaison(first: 1000) { totalCount nodes { id } } }"): (typeof documents)["query InboxAndFiches { inbox(first: 1000) { totalCount nodes { id } } fichesLiaison(first: 1000) { totalCount nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsentWithdrawalShape { __type(name: \"ConsentWithdrawal\") { fields { name } } }"): (typeof documents)["query ConsentWithdrawalShape { __type(name: \"ConsentWithdrawal\") { fields { name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AllNotices { consentWithdrawals(first: 1000) { totalCount nodes { id withdrawnAt } } }"): (typeof documents)["query AllNotices { consentWithdrawals(first: 1000) { totalCount nodes { id withdrawnAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NoticesPage($after: String) { consentWithdrawals(first: 2, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }"): (typeof documents)["query NoticesPage($after: String) { consentWithdrawals(first: 2, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ForeignNoticesCursor { consentWithdrawals(after: \"bm90LWEtY3Vyc29y\") { totalCount } }"): (typeof documents)["query ForeignNoticesCursor { consentWithdrawals(after: \"bm90LWEtY3Vyc29y\") { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NoticesCount { consentWithdrawals { totalCount } }"): (typeof documents)["query NoticesCount { consentWithdrawals { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InboxPage($since: DateTime, $first: Int, $after: String, $status: [FicheStatus!]) {\n    inbox(since: $since, first: $first, after: $after, status: $status) { totalCount pageInfo { hasNextPage endCursor } nodes { id status updatedAt recipient { id } } }\n  }"): (typeof documents)["query InboxPage($since: DateTime, $first: Int, $after: String, $status: [FicheStatus!]) {\n    inbox(since: $since, first: $first, after: $after, status: $status) { totalCount pageInfo { hasNextPage endCursor } nodes { id status updatedAt recipient { id } } }\n  }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InboxGroups($first: Int) { inbox(first: $first) { totalCount nodes { id job { poste } arret { lengthBand } } } }"): (typeof documents)["query InboxGroups($first: Int) { inbox(first: $first) { totalCount nodes { id job { poste } arret { lengthBand } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ThirdPartyLists { inbox(first: 1000) { nodes { id } } fichesLiaison(first: 1000) { nodes { id } } }"): (typeof documents)["query ThirdPartyLists { inbox(first: 1000) { nodes { id } } fichesLiaison(first: 1000) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MessagesAudit($id: ID!) { ficheLiaison(id: $id) { id messages { id text } } }"): (typeof documents)["query MessagesAudit($id: ID!) { ficheLiaison(id: $id) { id messages { id text } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PurgeIndicators {\n  all: pdpSignalements(years: { from: 2015, to: 2035 }) { year direction origin { id } recipient { id } count suppressed }\n  sstrn: pdpSignalements(years: { from: 2015, to: 2035 }, org: \"sstrn\") { year direction origin { id } recipient { id } count }\n  measures: pdpMeasures(years: { from: 2015, to: 2035 }) { year type count suppressed }\n  sstrnMeasures: pdpMeasures(years: { from: 2015, to: 2035 }, org: \"sstrn\") { year type count }\n}"): (typeof documents)["query PurgeIndicators {\n  all: pdpSignalements(years: { from: 2015, to: 2035 }) { year direction origin { id } recipient { id } count suppressed }\n  sstrn: pdpSignalements(years: { from: 2015, to: 2035 }, org: \"sstrn\") { year direction origin { id } recipient { id } count }\n  measures: pdpMeasures(years: { from: 2015, to: 2035 }) { year type count suppressed }\n  sstrnMeasures: pdpMeasures(years: { from: 2015, to: 2035 }, org: \"sstrn\") { year type count }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FicheNaf5($id: ID!) { ficheLiaison(id: $id) { job { naf5 } } }"): (typeof documents)["query FicheNaf5($id: ID!) { ficheLiaison(id: $id) { job { naf5 } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ShapeInbox { inbox(status: [SENT, ACKNOWLEDGED], first: 1000) { totalCount nodes { id status job { poste } } } }"): (typeof documents)["query ShapeInbox { inbox(status: [SENT, ACKNOWLEDGED], first: 1000) { totalCount nodes { id status job { poste } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ImportedRowVersions { sector(naf: \"F\") { sinistralite(territory: { region: \"52\" }, years: { from: 2022, to: 2023 }) { year dataVersions { id fileName organisation { id } } } } }"): (typeof documents)["query ImportedRowVersions { sector(naf: \"F\") { sinistralite(territory: { region: \"52\" }, years: { from: 2022, to: 2023 }) { year dataVersions { id fileName organisation { id } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CarsatAtVersions { datasets(dataset: \"carsat-at\") { id organisation { type id } sha256 rowsAccepted periodFrom periodTo state slices importedBy } }"): (typeof documents)["query CarsatAtVersions { datasets(dataset: \"carsat-at\") { id organisation { type id } sha256 rowsAccepted periodFrom periodTo state slices importedBy } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyCarsatAtImports { myImports(dataset: \"carsat-at\") { id state importedBy rowsRefused } }"): (typeof documents)["query MyCarsatAtImports { myImports(dataset: \"carsat-at\") { id state importedBy rowsRefused } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JitDeniedField { territory(spsti: \"sstrn\") { label spsti { name } establishments(first: 2) { totalCount } } }"): (typeof documents)["query JitDeniedField { territory(spsti: \"sstrn\") { label spsti { name } establishments(first: 2) { totalCount } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JitEstablishments { establishments(first: 1000) { totalCount nodes { siret name naf { code label } sector { label }\n      sectorSinistralite(years: { from: 2023, to: 2024 }, level: CLASS) { year frequencyIndex } accidents { year accidents } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query JitEstablishments { establishments(first: 1000) { totalCount nodes { siret name naf { code label } sector { label }\n      sectorSinistralite(years: { from: 2023, to: 2024 }, level: CLASS) { year frequencyIndex } accidents { year accidents } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JitIntrospection { __schema { queryType { name } types { name kind fields { name } } } __type(name: \"Sector\") { name fields { name args { name defaultValue } } } }"): (typeof documents)["query JitIntrospection { __schema { queryType { name } types { name kind fields { name } } } __type(name: \"Sector\") { name fields { name args { name defaultValue } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SectorAndSources {\n      sector(naf: \"41\") { code kind naf { level }\n        sinistralite(territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { year accidents frequencyIndex }\n        sumer(indicators: [\"manual_handling\"]) { period prevalence n } }\n      sinistralite(sector: { naf: \"41\" }, territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { year accidents frequencyIndex }\n      sumer(sector: { naf: \"41\" }, indicators: [\"manual_handling\"]) { period prevalence n }\n    }"): (typeof documents)["query SectorAndSources {\n      sector(naf: \"41\") { code kind naf { level }\n        sinistralite(territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { year accidents frequencyIndex }\n        sumer(indicators: [\"manual_handling\"]) { period prevalence n } }\n      sinistralite(sector: { naf: \"41\" }, territory: { region: \"52\" }, years: { from: 2019, to: 2024 }) { year accidents frequencyIndex }\n      sumer(sector: { naf: \"41\" }, indicators: [\"manual_handling\"]) { period prevalence n }\n    }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SectorEstablishments { sector(naf: \"F\") { establishments(territory: { departement: \"44\" }, first: 200) {\n      totalCount nodes { naf { code } departement } } } }"): (typeof documents)["query SectorEstablishments { sector(naf: \"F\") { establishments(territory: { departement: \"44\" }, first: 200) {\n      totalCount nodes { naf { code } departement } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CtnSector { sector(ctn: \"B\") { label sinistralite(years: { from: 2019, to: 2024 }) { accidents } } }"): (typeof documents)["query CtnSector { sector(ctn: \"B\") { label sinistralite(years: { from: 2019, to: 2024 }) { accidents } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CtnSectorSumer { sector(ctn: \"B\") { sumer { prevalence } } }"): (typeof documents)["query CtnSectorSumer { sector(ctn: \"B\") { sumer { prevalence } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NafAndCtnSector { sector(naf: \"41\", ctn: \"B\") { label } }"): (typeof documents)["query NafAndCtnSector { sector(naf: \"41\", ctn: \"B\") { label } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SpstiArea { territory(spsti: \"sstrn\") { kind code departements caisses { slug } spsti { id }\n      establishments(first: 100) { nodes { departement spsti { id } } }\n      annex4(year: 2024) { spsti { id } } } }"): (typeof documents)["query SpstiArea { territory(spsti: \"sstrn\") { kind code departements caisses { slug } spsti { id }\n      establishments(first: 100) { nodes { departement spsti { id } } }\n      annex4(year: 2024) { spsti { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DepartementAndCaisse {\n      dep: territory(departement: \"49\") { kind caisses { slug } sinistralite(years: { from: 2019, to: 2024 }, groupBy: []) { accidents } sumer(indicators: [\"manual_handling\"]) { region { code } } }\n      caisse: territory(caisse: \"carsat-pays-de-la-loire\") { sinistralite(years: { from: 2019, to: 2024 }, groupBy: []) { accidents } }\n    }"): (typeof documents)["query DepartementAndCaisse {\n      dep: territory(departement: \"49\") { kind caisses { slug } sinistralite(years: { from: 2019, to: 2024 }, groupBy: []) { accidents } sumer(indicators: [\"manual_handling\"]) { region { code } } }\n      caisse: territory(caisse: \"carsat-pays-de-la-loire\") { sinistralite(years: { from: 2019, to: 2024 }, groupBy: []) { accidents } }\n    }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UnknownSpsti { territory(spsti: \"nope\") { label } }"): (typeof documents)["query UnknownSpsti { territory(spsti: \"nope\") { label } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TwoTerritories { territory(spsti: \"sstrn\", region: \"52\") { label } }"): (typeof documents)["query TwoTerritories { territory(spsti: \"sstrn\", region: \"52\") { label } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ThemeSources { theme(code: TMS) { mpTableaux { code }\n      maladiesProfessionnelles(territory: { region: \"52\" }, years: { from: 2019, to: 2024 }, groupBy: [TABLEAU]) { tableau { code } cases }\n      sumer(period: \"2016-2017\") { indicator }\n      cpomActions(territory: { region: \"52\" }) { theme }\n      annex4(year: 2024, territory: { region: \"52\" }) { theme } } }"): (typeof documents)["query ThemeSources { theme(code: TMS) { mpTableaux { code }\n      maladiesProfessionnelles(territory: { region: \"52\" }, years: { from: 2019, to: 2024 }, groupBy: [TABLEAU]) { tableau { code } cases }\n      sumer(period: \"2016-2017\") { indicator }\n      cpomActions(territory: { region: \"52\" }) { theme }\n      annex4(year: 2024, territory: { region: \"52\" }) { theme } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OneSstrnEstablishment { establishments(spsti: \"sstrn\", sector: { naf: \"41\" }, first: 1) { nodes { siret naf { code } } } }"): (typeof documents)["query OneSstrnEstablishment { establishments(spsti: \"sstrn\", sector: { naf: \"41\" }, first: 1) { nodes { siret naf { code } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EstablishmentAndSector($siret: Siret!, $naf4: NafCode!) {\n      establishment(siret: $siret) { sector { code } sectorSinistralite(years: { from: 2019, to: 2024 }, level: CLASS) { year frequencyIndex } accidents { year } }\n      sinistralite(sector: { naf: $naf4 }, territory: { caisse: \"carsat-pays-de-la-loire\" }, years: { from: 2019, to: 2024 }) { year frequencyIndex }\n    }"): (typeof documents)["query EstablishmentAndSector($siret: Siret!, $naf4: NafCode!) {\n      establishment(siret: $siret) { sector { code } sectorSinistralite(years: { from: 2019, to: 2024 }, level: CLASS) { year frequencyIndex } accidents { year } }\n      sinistralite(sector: { naf: $naf4 }, territory: { caisse: \"carsat-pays-de-la-loire\" }, years: { from: 2019, to: 2024 }) { year frequencyIndex }\n    }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EstablishmentsAcrossSources($first: Int) { establishments(first: $first) { nodes {\n    siret spsti { name } sector { label }\n    sectorSinistralite(years: { from: 2023, to: 2024 }, level: CLASS) { frequencyIndex }\n    accidents { year accidents } } } }"): (typeof documents)["query EstablishmentsAcrossSources($first: Int) { establishments(first: $first) { nodes {\n    siret spsti { name } sector { label }\n    sectorSinistralite(years: { from: 2023, to: 2024 }, level: CLASS) { frequencyIndex }\n    accidents { year accidents } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AboutVersion { about { version } }"): (typeof documents)["query AboutVersion { about { version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DeepNafTree { sector(naf: \"4120A\") { naf { parent { parent { parent { parent { parent { code } } } } } } } }"): (typeof documents)["query DeepNafTree { sector(naf: \"4120A\") { naf { parent { parent { parent { parent { parent { code } } } } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SstrnSignalements { pdpSignalements(years: { from: 2019, to: 2026 }, org: \"sstrn\") { year direction origin { id } recipient { id } count suppressed } }"): (typeof documents)["query SstrnSignalements { pdpSignalements(years: { from: 2019, to: 2026 }, org: \"sstrn\") { year direction origin { id } recipient { id } count suppressed } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PrivacyFichesNoMedical { fichesLiaison(org: \"sstrn\", first: 20) { totalCount nodes {\n    id ref job { poste } arret { lengthBand } capacities { restrictions } actions { type } } } }"): (typeof documents)["query PrivacyFichesNoMedical { fichesLiaison(org: \"sstrn\", first: 20) { totalCount nodes {\n    id ref job { poste } arret { lengthBand } capacities { restrictions } actions { type } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PrivacyFichesMedical { fichesLiaison(org: \"sstrn\", first: 20) { totalCount nodes { id medical { pathologyGroup } } } }"): (typeof documents)["query PrivacyFichesMedical { fichesLiaison(org: \"sstrn\", first: 20) { totalCount nodes { id medical { pathologyGroup } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PrivacyFichesHeader { fichesLiaison(org: \"sstrn\", first: 20) { totalCount nodes {\n    id ref status direction origin { id } recipient { id } updatedAt version outcome worker { pseudonym } } } }"): (typeof documents)["query PrivacyFichesHeader { fichesLiaison(org: \"sstrn\", first: 20) { totalCount nodes {\n    id ref status direction origin { id } recipient { id } updatedAt version outcome worker { pseudonym } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PrivacyFichesJobActions { fichesLiaison(org: \"sstrn\", first: 20) { totalCount nodes { id job { siret } actions { type } } } }"): (typeof documents)["query PrivacyFichesJobActions { fichesLiaison(org: \"sstrn\", first: 20) { totalCount nodes { id job { siret } actions { type } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PrivacyFragments { fichesLiaison(first: 5) { nodes { id ...PrivacyStop ... on FicheLiaison { capacities { restrictions } } } } }\n      fragment PrivacyStop on FicheLiaison { arret { riskType } }"): (typeof documents)["query PrivacyFragments { fichesLiaison(first: 5) { nodes { id ...PrivacyStop ... on FicheLiaison { capacities { restrictions } } } } }\n      fragment PrivacyStop on FicheLiaison { arret { riskType } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PrivacyFichesAllGroups($first: Int) { fichesLiaison(org: \"sstrn\", first: $first) { totalCount nodes {\n      id ref consent { groups } worker { pseudonym } job { siret } arret { riskType } capacities { restrictions } actions { type partner { id } } medical { pathologyGroup }\n    } } }"): (typeof documents)["query PrivacyFichesAllGroups($first: Int) { fichesLiaison(org: \"sstrn\", first: $first) { totalCount nodes {\n      id ref consent { groups } worker { pseudonym } job { siret } arret { riskType } capacities { restrictions } actions { type partner { id } } medical { pathologyGroup }\n    } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PrivacyOneFiche($id: ID!) { ficheLiaison(id: $id) { ref job { poste } medical { ald } } }"): (typeof documents)["query PrivacyOneFiche($id: ID!) { ficheLiaison(id: $id) { ref job { poste } medical { ald } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PrivacyPartnerFiches($first: Int) { fichesLiaison(first: $first) { nodes { id origin { id } job { siret } arret { riskType } } } }"): (typeof documents)["query PrivacyPartnerFiches($first: Int) { fichesLiaison(first: $first) { nodes { id origin { id } job { siret } arret { riskType } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PrivacyNotices { consentWithdrawals(first: 1000) { totalCount nodes { id ref recipient { id } withdrawnAt } } }"): (typeof documents)["query PrivacyNotices { consentWithdrawals(first: 1000) { totalCount nodes { id ref recipient { id } withdrawnAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PrivacyDeniedList { fichesLiaison(first: 50) { totalCount nodes { id job { siret } medical { ald } } } }"): (typeof documents)["query PrivacyDeniedList { fichesLiaison(first: 50) { totalCount nodes { id job { siret } medical { ald } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PrivacyDeniedOne { ficheLiaison(id: \"fl_any\") { id job { siret } arret { riskType } medical { ald } } }"): (typeof documents)["query PrivacyDeniedOne { ficheLiaison(id: \"fl_any\") { id job { siret } arret { riskType } medical { ald } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ScopeFiches($org: ID, $siret: Siret, $first: Int) { fichesLiaison(org: $org, siret: $siret, first: $first) { totalCount nodes { id origin { id } recipient { id } } } }"): (typeof documents)["query ScopeFiches($org: ID, $siret: Siret, $first: Int) { fichesLiaison(org: $org, siret: $siret, first: $first) { totalCount nodes { id origin { id } recipient { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ScopeFiche($id: ID!) { ficheLiaison(id: $id) { id job { siret poste } arret { lengthBand riskType } medical { pathologyGroup ald } } }"): (typeof documents)["query ScopeFiche($id: ID!) { ficheLiaison(id: $id) { id job { siret poste } arret { lengthBand riskType } medical { pathologyGroup ald } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ScopeFicheNoMedical($id: ID!) { ficheLiaison(id: $id) { id job { siret poste } arret { lengthBand riskType } } }"): (typeof documents)["query ScopeFicheNoMedical($id: ID!) { ficheLiaison(id: $id) { id job { siret poste } arret { lengthBand riskType } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ScopeNotices { consentWithdrawals(first: 1000) { totalCount nodes { id ref recipient { type id } withdrawnAt } } }"): (typeof documents)["query ScopeNotices { consentWithdrawals(first: 1000) { totalCount nodes { id ref recipient { type id } withdrawnAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ScopeNoticesSince($since: DateTime) { consentWithdrawals(since: $since) { nodes { id ref recipient { id } withdrawnAt } } }"): (typeof documents)["query ScopeNoticesSince($since: DateTime) { consentWithdrawals(since: $since) { nodes { id ref recipient { id } withdrawnAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment PdpFicheHeader on FicheLiaison {\n  id ref status direction motif origin { type id } recipient { type id } createdAt sentAt updatedAt version outcome\n}"): (typeof documents)["fragment PdpFicheHeader on FicheLiaison {\n  id ref status direction motif origin { type id } recipient { type id } createdAt sentAt updatedAt version outcome\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment PdpFicheGroups on FicheLiaison {\n  consent { givenAt how recipients { type id } groups withdrawnAt } worker { pseudonym }\n  job { siret naf5 poste contractType headcountBand } arret { startDate lengthBand riskType rqth } capacities { restrictions }\n  actions { type date partner { type id } } medical { pathologyGroup ald tauxIp note }\n}"): (typeof documents)["fragment PdpFicheGroups on FicheLiaison {\n  consent { givenAt how recipients { type id } groups withdrawnAt } worker { pseudonym }\n  job { siret naf5 poste contractType headcountBand } arret { startDate lengthBand riskType rqth } capacities { restrictions }\n  actions { type date partner { type id } } medical { pathologyGroup ald tauxIp note }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PdpFiche($id: ID!) { ficheLiaison(id: $id) { ...PdpFicheHeader ...PdpFicheGroups } }"): (typeof documents)["query PdpFiche($id: ID!) { ficheLiaison(id: $id) { ...PdpFicheHeader ...PdpFicheGroups } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PdpFiches($org: ID, $status: [FicheStatus!], $direction: FicheDirection, $siret: Siret, $updatedSince: DateTime, $first: Int, $after: String) {\n  fichesLiaison(org: $org, status: $status, direction: $direction, siret: $siret, updatedSince: $updatedSince, first: $first, after: $after) {\n    totalCount pageInfo { hasNextPage endCursor } nodes { id status direction origin { id } recipient { id } updatedAt job { siret } } } }"): (typeof documents)["query PdpFiches($org: ID, $status: [FicheStatus!], $direction: FicheDirection, $siret: Siret, $updatedSince: DateTime, $first: Int, $after: String) {\n  fichesLiaison(org: $org, status: $status, direction: $direction, siret: $siret, updatedSince: $updatedSince, first: $first, after: $after) {\n    totalCount pageInfo { hasNextPage endCursor } nodes { id status direction origin { id } recipient { id } updatedAt job { siret } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PdpSignalements($years: YearRange!, $org: ID) { pdpSignalements(years: $years, org: $org) { year direction origin { type id } recipient { type id } count } }"): (typeof documents)["query PdpSignalements($years: YearRange!, $org: ID) { pdpSignalements(years: $years, org: $org) { year direction origin { type id } recipient { type id } count } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PdpMeasures($years: YearRange!, $org: ID) { pdpMeasures(years: $years, org: $org) { year type count } }"): (typeof documents)["query PdpMeasures($years: YearRange!, $org: ID) { pdpMeasures(years: $years, org: $org) { year type count } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PdpSignalementsLiteral { pdpSignalements(years: { from: 2022, to: 2025 }, org: \"sstrn\") { year direction origin { type id } recipient { type id } count } }"): (typeof documents)["query PdpSignalementsLiteral { pdpSignalements(years: { from: 2022, to: 2025 }, org: \"sstrn\") { year direction origin { type id } recipient { type id } count } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PdpMeasuresLiteral { pdpMeasures(years: { from: 2024, to: 2024 }) { year type count } }"): (typeof documents)["query PdpMeasuresLiteral { pdpMeasures(years: { from: 2024, to: 2024 }) { year type count } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RowVersions {\n      sumer(indicators: [\"manual_handling\"], period: \"2016-2017\") { n dataVersions { id dataset organisation { id } } }\n      evrest(indicators: [\"heavy_loads\"], period: \"2023-2024\") { n dataVersions { id dataset organisation { id } } }\n      mcp(years: { from: 2023, to: 2023 }, pathologies: [\"tms\"]) { n dataVersions { id dataset organisation { id } } }\n      spsti(id: \"sstrn\") { activity(years: { from: 2024, to: 2024 }) { year dataVersions { id dataset organisation { id } } } }\n    }"): (typeof documents)["query RowVersions {\n      sumer(indicators: [\"manual_handling\"], period: \"2016-2017\") { n dataVersions { id dataset organisation { id } } }\n      evrest(indicators: [\"heavy_loads\"], period: \"2023-2024\") { n dataVersions { id dataset organisation { id } } }\n      mcp(years: { from: 2023, to: 2023 }, pathologies: [\"tms\"]) { n dataVersions { id dataset organisation { id } } }\n      spsti(id: \"sstrn\") { activity(years: { from: 2024, to: 2024 }) { year dataVersions { id dataset organisation { id } } } }\n    }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RegionalRowVersions {\n      sumerRegional(territory: { region: \"52\" }, sector: { naf: \"F\" }, breakdown: [AGE_BAND]) { suppressed dataVersions { id dataset organisation { id } } }\n      mcpRegional(territory: { region: \"52\" }, breakdown: [SEX, AGE_BAND]) { suppressed dataVersions { id dataset organisation { id } } }\n    }"): (typeof documents)["query RegionalRowVersions {\n      sumerRegional(territory: { region: \"52\" }, sector: { naf: \"F\" }, breakdown: [AGE_BAND]) { suppressed dataVersions { id dataset organisation { id } } }\n      mcpRegional(territory: { region: \"52\" }, breakdown: [SEX, AGE_BAND]) { suppressed dataVersions { id dataset organisation { id } } }\n    }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FewRowVersions {\n      sumer(indicators: [\"manual_handling\"], period: \"2016-2017\", breakdown: [AGE_BAND]) { dataVersions { id dataset organisation { id } } }\n      mcp(years: { from: 2019, to: 2023 }, pathologies: [\"tms\"]) { dataVersions { id dataset organisation { id } } }\n      spstis { activity(years: { from: 2024, to: 2024 }) { dataVersions { id dataset organisation { id } } } }\n    }"): (typeof documents)["query FewRowVersions {\n      sumer(indicators: [\"manual_handling\"], period: \"2016-2017\", breakdown: [AGE_BAND]) { dataVersions { id dataset organisation { id } } }\n      mcp(years: { from: 2019, to: 2023 }, pathologies: [\"tms\"]) { dataVersions { id dataset organisation { id } } }\n      spstis { activity(years: { from: 2024, to: 2024 }) { dataVersions { id dataset organisation { id } } } }\n    }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ManyRowVersions {\n      sumer(indicators: [\"manual_handling\", \"postures\", \"chemical_any\", \"noise_85db\", \"night_work\"], breakdown: [AGE_BAND]) { dataVersions { id dataset organisation { id } } }\n      mcp(years: { from: 2019, to: 2023 }, pathologies: [\"tms\", \"psychic_distress\"] breakdown: [AGE_BAND]) { dataVersions { id dataset organisation { id } } }\n      spstis { activity { dataVersions { id dataset organisation { id } } } }\n    }"): (typeof documents)["query ManyRowVersions {\n      sumer(indicators: [\"manual_handling\", \"postures\", \"chemical_any\", \"noise_85db\", \"night_work\"], breakdown: [AGE_BAND]) { dataVersions { id dataset organisation { id } } }\n      mcp(years: { from: 2019, to: 2023 }, pathologies: [\"tms\", \"psychic_distress\"] breakdown: [AGE_BAND]) { dataVersions { id dataset organisation { id } } }\n      spstis { activity { dataVersions { id dataset organisation { id } } } }\n    }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CachedEstablishments { establishments(first: 50) { totalCount nodes { siret departement } } }"): (typeof documents)["query CachedEstablishments { establishments(first: 50) { totalCount nodes { siret departement } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CachedSpsti { spsti(id: \"sstrn\") { name } }"): (typeof documents)["query CachedSpsti { spsti(id: \"sstrn\") { name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResilienceOpenData { sinistralite(sector: { naf: \"41\" }, years: { from: 2023, to: 2024 }) { year employees } }"): (typeof documents)["query ResilienceOpenData { sinistralite(sector: { naf: \"41\" }, years: { from: 2023, to: 2024 }) { year employees } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SstrnCpom { cpom(id: \"cpom-sstrn-2025\") { generation signatories { type id } crpstOpinionOn signedOn startsOn endsOn\n      spsti { id } inForceOn(date: \"2027-01-01\") volets { number mandatory actions { theme title indicators { label kind } phases { name deadline dueBy } pilots { organisation { type } role } } } } }"): (typeof documents)["query SstrnCpom { cpom(id: \"cpom-sstrn-2025\") { generation signatories { type id } crpstOpinionOn signedOn startsOn endsOn\n      spsti { id } inForceOn(date: \"2027-01-01\") volets { number mandatory actions { theme title indicators { label kind } phases { name deadline dueBy } pilots { organisation { type } role } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CpomActionsAndFiches { cpom(id: \"cpom-sstrn-2025\") { volets { number\n      actions { __typename id volet theme title description pilots { organisation { type id } role } phases { name dueBy } indicators { label kind } cpom { id } spsti { id } }\n      fiches { __typename id volet theme title description pilots { organisation { type id } role } phases { name dueBy } indicators { label kind } cpom { id } spsti { id } } } } }"): (typeof documents)["query CpomActionsAndFiches { cpom(id: \"cpom-sstrn-2025\") { volets { number\n      actions { __typename id volet theme title description pilots { organisation { type id } role } phases { name dueBy } indicators { label kind } cpom { id } spsti { id } }\n      fiches { __typename id volet theme title description pilots { organisation { type id } role } phases { name dueBy } indicators { label kind } cpom { id } spsti { id } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UnknownCpom { cpom(id: \"nope\") { id } }"): (typeof documents)["query UnknownCpom { cpom(id: \"nope\") { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SstrnCpoms { spsti(id: \"sstrn\") { cpoms { id generation startsOn endsOn } } }"): (typeof documents)["query SstrnCpoms { spsti(id: \"sstrn\") { cpoms { id generation startsOn endsOn } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CpomActions($theme: ThemeCode, $territory: TerritoryInput, $year: Year) { cpomActions(theme: $theme, territory: $territory, year: $year) {\n    id theme volet cpom { id startsOn endsOn } spsti { id } } }"): (typeof documents)["query CpomActions($theme: ThemeCode, $territory: TerritoryInput, $year: Year) { cpomActions(theme: $theme, territory: $territory, year: $year) {\n    id theme volet cpom { id startsOn endsOn } spsti { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Annex4($year: Year!, $theme: ThemeCode, $territory: TerritoryInput) { annex4(year: $year, theme: $theme, territory: $territory) {\n    theme volet year suppressed formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog commentaire cpomSignedOn cpomEndsOn dueBy reportedAt\n    cpom { id } spsti { id } } }"): (typeof documents)["query Annex4($year: Year!, $theme: ThemeCode, $territory: TerritoryInput) { annex4(year: $year, theme: $theme, territory: $territory) {\n    theme volet year suppressed formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog commentaire cpomSignedOn cpomEndsOn dueBy reportedAt\n    cpom { id } spsti { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CpomAnnex4 { cpom(id: \"cpom-sstrn-2020\") { annex4 { year theme } y2023: annex4(year: 2023) { year theme } } }"): (typeof documents)["query CpomAnnex4 { cpom(id: \"cpom-sstrn-2020\") { annex4 { year theme } y2023: annex4(year: 2023) { year theme } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Establishments($sector: SectorInput, $territory: TerritoryInput, $spsti: ID, $first: Int, $after: String) {\n  establishments(sector: $sector, territory: $territory, spsti: $spsti, first: $first, after: $after) {\n    totalCount pageInfo { hasNextPage endCursor } nodes { siret naf { code } departement spsti { id } }\n  }\n}"): (typeof documents)["query Establishments($sector: SectorInput, $territory: TerritoryInput, $spsti: ID, $first: Int, $after: String) {\n  establishments(sector: $sector, territory: $territory, spsti: $spsti, first: $first, after: $after) {\n    totalCount pageInfo { hasNextPage endCursor } nodes { siret naf { code } departement spsti { id } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SpstisEstablishments { spstis { id establishments(first: 5) { totalCount nodes { spsti { id } } pageInfo { hasNextPage } } } }"): (typeof documents)["query SpstisEstablishments { spstis { id establishments(first: 5) { totalCount nodes { spsti { id } } pageInfo { hasNextPage } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SstrnConstruction($after: String) { spsti(id: \"sstrn\") { establishments(sector: { naf: \"F\" }, first: 20, after: $after) {\n      totalCount pageInfo { endCursor } nodes { siret naf { code } } } } }"): (typeof documents)["query SstrnConstruction($after: String) { spsti(id: \"sstrn\") { establishments(sector: { naf: \"F\" }, first: 20, after: $after) {\n      totalCount pageInfo { endCursor } nodes { siret naf { code } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EstablishmentsWithSpsti($first: Int) { establishments(first: $first) { totalCount nodes { siret headcountBand spsti { name } } } }"): (typeof documents)["query EstablishmentsWithSpsti($first: Int) { establishments(first: $first) { totalCount nodes { siret headcountBand spsti { name } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EstablishmentSpsti($s: Siret!) { establishment(siret: $s) { siret name spsti { id } } }"): (typeof documents)["query EstablishmentSpsti($s: Siret!) { establishment(siret: $s) { siret name spsti { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Spstis { spstis { id region { code } departements } }"): (typeof documents)["query Spstis { spstis { id region { code } departements } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SstrnCard { spsti(id: \"sstrn\") { name shortName headquartersCity figuresAsOf salariesSuivis adherents equipes centres\n      hasCellulePdp staff { medecinsTravail collaborateursMedecins infirmiers preventeurs assistantsSst assistantesMedicales total } } }"): (typeof documents)["query SstrnCard { spsti(id: \"sstrn\") { name shortName headquartersCity figuresAsOf salariesSuivis adherents equipes centres\n      hasCellulePdp staff { medecinsTravail collaborateursMedecins infirmiers preventeurs assistantsSst assistantesMedicales total } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UnknownSpstiCard { spsti(id: \"nope\") { id } }"): (typeof documents)["query UnknownSpstiCard { spsti(id: \"nope\") { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SmallActivity { spsti(id: \"stvo\") { activity(years: { from: 2024, to: 2024 }) {\n      visits { vip sir reprise preReprise aLaDemande miCarriere finCarriere total suppressed } amt { total }\n      pdp { situations signalementsVersServiceSocial signalementsDuServiceSocial inaptitudes amenagements suppressed } } } }"): (typeof documents)["query SmallActivity { spsti(id: \"stvo\") { activity(years: { from: 2024, to: 2024 }) {\n      visits { vip sir reprise preReprise aLaDemande miCarriere finCarriere total suppressed } amt { total }\n      pdp { situations signalementsVersServiceSocial signalementsDuServiceSocial inaptitudes amenagements suppressed } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SstrnActivity { spsti(id: \"sstrn\") { activity(years: { from: 2023, to: 2024 }) { year salariesSuivis adherents staff { total }\n      visits { vip sir reprise preReprise aLaDemande miCarriere finCarriere total } amt { total etudesPoste } pdp { inaptitudes signalementsVersServiceSocial } } } }"): (typeof documents)["query SstrnActivity { spsti(id: \"sstrn\") { activity(years: { from: 2023, to: 2024 }) { year salariesSuivis adherents staff { total }\n      visits { vip sir reprise preReprise aLaDemande miCarriere finCarriere total } amt { total etudesPoste } pdp { inaptitudes signalementsVersServiceSocial } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StvoActivity { spsti(id: \"stvo\") { activity { year visits { total } } } }"): (typeof documents)["query StvoActivity { spsti(id: \"stvo\") { activity { year visits { total } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EstablishmentCard($s: Siret!) { establishment(siret: $s) { siret name naf { code level } ctn { code } headcount headcountBand departement memberSince spsti { id } } }"): (typeof documents)["query EstablishmentCard($s: Siret!) { establishment(siret: $s) { siret name naf { code level } ctn { code } headcount headcountBand departement memberSince spsti { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LaPosteEstablishment { establishment(siret: \"35600000000001\") { name } }"): (typeof documents)["query LaPosteEstablishment { establishment(siret: \"35600000000001\") { name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EstablishmentName($s: Siret!) { establishment(siret: $s) { name } }"): (typeof documents)["query EstablishmentName($s: Siret!) { establishment(siret: $s) { name } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;