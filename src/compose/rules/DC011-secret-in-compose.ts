import { isLiteralValue, isSecretName, knownCredential } from '../../core/secrets.js'
import type { Variable } from '../model.js'
import { ownDefinitions, type ComposeReport, type ComposeRule } from '../rule.js'
import type { Config } from '../../core/config.js'

export const DC011: ComposeRule = {
  id: 'DC011',
  slug: 'secret-in-compose',
  title: 'Secret written in the Compose file',
  severity: 'high',
  principles: ['S'],
  rationale:
    'A secret in a Compose file is in the repository, its history and every fork; build args also stay in the image history.',
  fix: 'Use `${VAR}` from the environment or an untracked .env, or Compose `secrets:` (mounted as files; point the service at it with a `_FILE` variable).',
  equivalents: { cis: ['4.10'] },
  check(project, report, context) {
    for (const { service } of ownDefinitions(project)) {
      for (const variable of service.environment) check(variable, `Service "${service.name}" environment`, report, context.config)
      for (const variable of service.build?.args ?? []) check(variable, `Service "${service.name}" build arg`, report, context.config)
    }
  }
}

function check(variable: Variable, where: string, report: ComposeReport, config: Config): void {
  const value = variable.value?.raw
  if (value === undefined) return
  // The secret itself never goes into the message or the snippet: the name identifies the finding.
  const snippet = variable.name
  const credential = knownCredential(value)
  if (credential) {
    report(
      variable.span,
      `${where} "${variable.name}" holds a ${credential.kind}: it is now in the repository and its history. Revoke it, then pass it with \${${variable.name}} from the environment or with Compose secrets.`,
      { severity: 'critical', snippet }
    )
    return
  }
  if (!isSecretName(variable.name, config) || !isLiteralValue(value)) return
  report(
    variable.span,
    `${where} "${variable.name}" is set to a literal value: a secret in the Compose file is in the repository and its history. Use \${${variable.name}} from the environment or an untracked .env, or Compose secrets with a ${variable.name}_FILE variable.`,
    { snippet }
  )
}
