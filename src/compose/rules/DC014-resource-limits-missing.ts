import type { Text } from '../model.js'
import { missingAnchor, type ComposeRule } from '../rule.js'

/** A limit that does not limit: 0 (memory) or -1/0 (pids) mean "unlimited". */
function unlimited(text: Text): boolean {
  const value = text.value?.trim()
  return value === '0' || value === '-1'
}

/** Whether the limits set one; an explicit "unlimited" value, for reporting on it. */
function limited(texts: Array<Text | undefined>): { ok: boolean; explicit?: Text } {
  const present = texts.filter((t): t is Text => t !== undefined)
  if (present.some((t) => !unlimited(t))) return { ok: true }
  return { ok: false, explicit: present[0] }
}

export const DC014: ComposeRule = {
  id: 'DC014',
  slug: 'resource-limits-missing',
  title: 'Memory or pids limit missing',
  severity: 'low',
  principles: ['P8'],
  rationale: 'Without a memory and a pids limit, one container (or a fork bomb in it) can exhaust the host for every other service.',
  fix: 'Set `mem_limit` and `pids_limit` (or deploy.resources.limits.memory and .pids).',
  equivalents: { kics: ['bb9ac4f7-e13b-423d-a010-c74a1bfbe492', '221e0658-cb2a-44e3-b08a-db96a341d6fa'], cis: ['5.11', '5.29'] },
  check(project, report) {
    for (const view of project.views) {
      const e = view.effective
      const memory = limited([e.memLimit, e.deployMemory])
      const pids = limited([e.pidsLimit, e.deployPids])
      if (memory.ok && pids.ok) continue
      const missing = [memory.ok ? undefined : 'memory', pids.ok ? undefined : 'pids'].filter(Boolean).join(' and ')
      const explicit = memory.explicit ?? pids.explicit
      const at = missingAnchor(view, project, explicit?.span ?? view.home?.sections.limits)
      if (!at) continue
      report(
        at,
        `Service "${view.name}" has no ${missing} limit${explicit ? ` ("${explicit.raw}" means unlimited)` : ''}: one container can exhaust the host's ${[memory.ok ? undefined : 'memory', pids.ok ? undefined : 'process table'].filter(Boolean).join(' and ')} for every service. Set ${[memory.ok ? undefined : 'mem_limit', pids.ok ? undefined : 'pids_limit'].filter(Boolean).join(' and ')}.`
      )
    }
  }
}
