import type { RuleMeta } from '../rule.js'

/** Reported by the suppression step itself (src/core/suppress.ts), not by an analyzer's check. */
export const CT001: RuleMeta = {
  id: 'CT001',
  slug: 'unused-suppression',
  title: 'Suppression comment that suppresses nothing',
  severity: 'info',
  principles: ['-'],
  rationale:
    'A suppression that matches no finding is stale or misplaced: it hides nothing today and will silently excuse whatever lands under it tomorrow.',
  fix: 'Remove the comment, fix the rule ID, give the reason, or move it directly above the instruction, key or item it is meant for.',
  equivalents: {}
}
