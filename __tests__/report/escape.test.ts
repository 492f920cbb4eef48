import { describe, expect, it } from '@jest/globals'
import { annotationText, encodePath, escapeMarkdown, escapeUrl, markdownLink, sanitizeForLog, sarifText, showInvisible, truncateText, utf8Length } from '../../src/report/escape.js'

const ZWSP = '\u200B'

describe('escapeMarkdown', () => {
  it('shows tag characters, soft hyphens, fillers and variation selectors as U+FFFD', () => {
    expect(escapeMarkdown('a\u{e0041}b\u00adc\u3164d\ufe0fe\u061cf')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf')
  })

  it('turns HTML into entities so no tag survives', () => {
    expect(escapeMarkdown('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror="alert(1)"&gt;')
    expect(escapeMarkdown('<!-- containment:report id=x -->')).not.toContain('<!--')
    expect(escapeMarkdown('</details>')).not.toContain('<')
  })

  it('breaks @mentions and #references with a zero-width space', () => {
    expect(escapeMarkdown('@octocat')).toBe(`\\@${ZWSP}octocat`)
    expect(escapeMarkdown('@github/security-team')).toContain(`@${ZWSP}github`)
    expect(escapeMarkdown('fixes org/repo#12')).toContain(`#${ZWSP}12`)
  })

  it('escapes code spans, emphasis, links, tables, strikethrough, math and autolinks', () => {
    expect(escapeMarkdown('`code`')).toBe('\\`code\\`')
    expect(escapeMarkdown('a | b')).toBe('a \\| b')
    expect(escapeMarkdown('[link](http://evil.example) ![img](x)')).toBe('\\[link\\](http\\://evil.example) !\\[img\\](x)')
    expect(escapeMarkdown('**bold** _it_ ~~s~~ # h $x$')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\#' + ZWSP + ' h \\$x\\$')
    expect(escapeMarkdown('see www.evil.example')).toBe(`see www${ZWSP}.evil.example`)
    expect(escapeMarkdown('back\\slash')).toBe('back\\\\slash')
    expect(escapeMarkdown('&amp;')).toBe('&amp;amp;')
  })

  it('cannot open a block at the start of the text', () => {
    expect(escapeMarkdown('- item')).toBe('\\- item')
    expect(escapeMarkdown('+ item')).toBe('\\+ item')
    expect(escapeMarkdown('===')).toBe('\\===')
    expect(escapeMarkdown('1. first')).toBe('1\\. first')
    expect(escapeMarkdown('12) first')).toBe('12\\) first')
    expect(escapeMarkdown('a - b 1. c')).toBe('a - b 1. c')
  })

  it('keeps the text on one line and shows invisible characters', () => {
    expect(escapeMarkdown('a\nb\r\nc\rd')).toBe('a b c d')
    expect(escapeMarkdown('x\u202Ey\u0007z\u200Bw')).toBe('x\uFFFDy\uFFFDz\uFFFDw')
    expect(escapeMarkdown('\u2028')).toBe('\uFFFD')
  })

  it('leaves letters, digits, spaces and non-ASCII text alone', () => {
    expect(escapeMarkdown('Dockerfile 2 für Ω')).toBe('Dockerfile 2 für Ω')
  })

  it('cuts long text with an ellipsis before escaping', () => {
    const out = escapeMarkdown('a'.repeat(50), 10)
    expect(out).toBe('a'.repeat(9) + '…')
  })
})

describe('truncateText', () => {
  it('never splits a surrogate pair', () => {
    expect(truncateText('😀😀😀', 2)).toBe('😀…')
    expect(truncateText('short', 10)).toBe('short')
  })
})

describe('links and paths', () => {
  it('encodes each path segment and keeps slashes', () => {
    expect(encodePath('a b/c#d/(e)')).toBe('a%20b/c%23d/%28e%29')
    expect(encodePath('dir,x:y%/Dockerfile')).toBe('dir%2Cx%3Ay%25/Dockerfile')
  })

  it('makes a link whose destination cannot break out', () => {
    expect(escapeUrl('https://x/a b)(c')).toBe('https://x/a%20b%29%28c')
    expect(markdownLink('x](javascript:alert(1))', 'https://example.com/')).toBe('[x\\](javascript\\:alert(1))](https://example.com/)')
  })
})

describe('sanitizeForLog', () => {
  it('keeps file content from becoming a workflow command', () => {
    expect(sanitizeForLog('::error::pwned')).toBe(`:${ZWSP}:error::pwned`)
    expect(sanitizeForLog('a\n::set-output name=x::y')).toBe('a\\n::set-output name=x::y')
    expect(sanitizeForLog('file ##[error]x')).toBe(`file #${ZWSP}#[error]x`)
    expect(sanitizeForLog('tab\there\u0000\u2028')).toBe('tab\\x09here\\x00\\u2028')
  })

  it('breaks a command after leading white space too: the runner trims it before it looks for `::`', () => {
    expect(sanitizeForLog('  ::stop-commands::tok')).toBe(`  :${ZWSP}:stop-commands::tok`)
    expect(sanitizeForLog('\u3000\u00a0::add-mask::m')).toBe(`\u3000\u00a0:${ZWSP}:add-mask::m`)
    expect(sanitizeForLog('\t::warning::x')).toBe('\\x09::warning::x')
    expect(sanitizeForLog('%0A::warning::x')).toBe('%0A::warning::x')
  })
})

describe('showInvisible, annotationText, sarifText', () => {
  it('shows controls, bidi and invisible characters as escapes', () => {
    expect(showInvisible('a\x1b[31mb\r\nc\u202ed\u200be\u00adf\u{e0041}g\u009bh')).toBe('a\\x1b[31mb\\r\\nc\\u202ed\\u200be\\xadf\\u{e0041}g\\x9bh')
    expect(showInvisible('plain: é, 日本, 🐳')).toBe('plain: é, 日本, 🐳')
  })

  it('annotation text: one line, cut to its length', () => {
    expect(annotationText('x\n::error::y')).toBe('x\\n::error::y')
    expect(annotationText('a'.repeat(1200))).toBe('a'.repeat(999) + '…')
  })

  it('SARIF text: brackets escaped, so no embedded link can be forged', () => {
    expect(sarifText('[x](javascript:alert(1)) \\[y]\x1b')).toBe('\\[x\\](javascript:alert(1)) \\\\\\[y\\]\\x1b')
  })
})

describe('utf8Length', () => {
  it('counts bytes', () => {
    expect(utf8Length('a€😀')).toBe(1 + 3 + 4)
  })
})
