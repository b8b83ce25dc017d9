import { runFeedImport } from '../domain/opportunities/feed-import.js'
import type { Processor } from './processors.js'

/**
 * Pages through an imported OpenActive RPDE feed (issue #9). Idempotent: the position is stored with each page's
 * effect, so a re-delivered job continues from there and re-applies nothing.
 */
export const opportunityFeedImporter: Processor = {
  name: 'opportunity-feed-import',
  handles: ['opportunity-feed.sync'],
  async process (event, deps) {
    if (!deps.egress) throw new Error('the opportunity feed importer needs the egress client')
    const { feedId } = event.payload as { feedId: string }
    await runFeedImport(deps.db, deps.egress, feedId, { log: deps.log })
  },
}
