import type { Annotation } from './annotations.js'

/**
 * Annotations as workflow-command lines (`::error file=…,line=…::message`), escaped byte for byte as
 * @actions/core escapes them when the Action calls core.error/warning/notice: in the message `%`, CR and
 * LF; in property values also `:` and `,`. The CLI's `--format github` prints these, so a CLI step in any
 * workflow annotates exactly like the Action (a test compares the two). Pure: no @actions import.
 */

export function workflowCommand(annotation: Annotation): string {
  const properties: [string, string | number | undefined][] =
    annotation.file === undefined
      ? [['title', annotation.title]]
      : [
          ['title', annotation.title],
          ['file', annotation.file],
          ['line', annotation.startLine],
          ['endLine', annotation.endLine],
          ['col', annotation.startColumn],
          ['endColumn', annotation.endColumn]
        ]
  // core leaves out empty values (its `if (val)`), 0 included.
  const written = properties.filter(([, value]) => value !== undefined && value !== '' && value !== 0).map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
  return `::${annotation.level}${written.length ? ' ' + written.join(',') : ''}::${escapeData(annotation.message)}`
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
