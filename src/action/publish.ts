import * as core from '@actions/core'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Annotation } from '../report/annotations.js'
import { sanitizeForLog } from '../report/escape.js'

/**
 * The Action's side effects on the runner, each a thin call into @actions/core: annotations (workflow
 * commands, whose data core escapes: `%`, CR, LF, and in properties also `:` and `,`), the job summary,
 * outputs and log lines. Nothing from a scanned file reaches the log unescaped.
 */

export function emitAnnotation(annotation: Annotation): void {
  const properties: core.AnnotationProperties = { title: annotation.title }
  if (annotation.file !== undefined) {
    properties.file = annotation.file
    properties.startLine = annotation.startLine
    properties.endLine = annotation.endLine
    properties.startColumn = annotation.startColumn
    properties.endColumn = annotation.endColumn
  }
  if (annotation.level === 'error') core.error(annotation.message, properties)
  else if (annotation.level === 'warning') core.warning(annotation.message, properties)
  else core.notice(annotation.message, properties)
}

/** A line in the log; text from files is neutralised so it cannot be read as a workflow command. */
export function log(text: string): void {
  core.info(sanitizeForLog(text, 2000))
}

export function logGroup(title: string, lines: readonly string[]): void {
  core.startGroup(sanitizeForLog(title))
  for (const line of lines) log(line)
  core.endGroup()
}

/** Writes the job summary; returns why it could not (no GITHUB_STEP_SUMMARY outside Actions). */
export async function writeSummary(markdown: string): Promise<string | undefined> {
  try {
    await core.summary.addRaw(markdown, true).write()
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

export function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
}

export function setOutputs(outputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
}
