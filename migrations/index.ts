import type { Migration } from 'kysely'
import * as foundation from './20261122T1600_foundation.js'
import * as spine from './20261122T1700_spine.js'
import * as badges from './20261122T1710_badges.js'
import * as ob3 from './20261122T1800_ob3.js'
import * as badgeSpine from './20261122T1900_badge_spine.js'
import * as catalogueSpeed from './20261122T1910_catalogue_speed.js'
import * as learners from './20261130T0400_learners.js'
import * as opportunities from './20261130T0500_opportunities.js'
import * as pathways from './20261130T0800_pathways.js'
import * as learnerClaims from './20261130T0410_learner_claims.js'
import * as branding from './20261130T0600_branding.js'
import * as idempotencyLease from './20261130T0900_idempotency_lease.js'
import * as webhooks from './20261130T0700_webhooks.js'
import * as bulkJobs from './20261130T0710_bulk_jobs.js'
import * as pathwayUnlocks from './20261130T1000_pathway_unlocks.js'
import * as insights from './20261130T1100_insights.js'
import * as oauth from './20261130T1200_oauth.js'
import * as learnerImports from './20261130T1300_learner_imports.js'
import * as languages from './20261130T1400_languages.js'
import * as publicContentVersion from './20261130T1500_public_content_version.js'
import * as importFacts from './20261130T1600_import_facts.js'
import * as pathwayDirty from './20261130T1620_pathway_dirty.js'
import * as webhookPositions from './20261130T1700_webhook_positions.js'
import * as insightTables from './20261130T1720_insight_tables.js'
import * as insightFactKeys from './20261130T1900_insight_fact_keys.js'

/**
 * Every migration, in order. Listed statically so that tsx, vitest and the compiled image load them alike;
 * a test fails when a file in this folder is missing here.
 */
export const migrations: Record<string, Migration> = {
  '20261122T1600_foundation': foundation,
  '20261122T1700_spine': spine,
  '20261122T1710_badges': badges,
  '20261122T1800_ob3': ob3,
  '20261122T1900_badge_spine': badgeSpine,
  '20261122T1910_catalogue_speed': catalogueSpeed,
  '20261130T0400_learners': learners,
  '20261130T0410_learner_claims': learnerClaims,
  '20261130T0500_opportunities': opportunities,
  '20261130T0600_branding': branding,
  '20261130T0700_webhooks': webhooks,
  '20261130T0710_bulk_jobs': bulkJobs,
  '20261130T0800_pathways': pathways,
  '20261130T0900_idempotency_lease': idempotencyLease,
  '20261130T1000_pathway_unlocks': pathwayUnlocks,
  '20261130T1100_insights': insights,
  '20261130T1200_oauth': oauth,
  '20261130T1300_learner_imports': learnerImports,
  '20261130T1400_languages': languages,
  '20261130T1500_public_content_version': publicContentVersion,
  '20261130T1600_import_facts': importFacts,
  '20261130T1620_pathway_dirty': pathwayDirty,
  '20261130T1700_webhook_positions': webhookPositions,
  '20261130T1720_insight_tables': insightTables,
  '20261130T1900_insight_fact_keys': insightFactKeys,
}
