import { beforeAll, describe, expect, it } from '@jest/globals'
import { dockerfile, findingsOf, prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)

describe('DF017 system-dir-workdir-volume', () => {
  it.each([
    ['WORKDIR /proc', 'FROM alpine:3.19\nWORKDIR /proc\n', ['2:9 high']],
    ['WORKDIR below /proc', 'FROM alpine:3.19\nWORKDIR /proc/self\n', ['2:9 high']],
    ['WORKDIR /sys', 'FROM alpine:3.19\nWORKDIR /sys/fs/cgroup\n', ['2:9 high']],
    ['WORKDIR /boot', 'FROM alpine:3.19\nWORKDIR /boot\n', ['2:9 high']],
    ['a path that normalises into /dev', 'FROM alpine:3.19\nWORKDIR /app/../dev\n', ['2:9 high']],
    ['a doubled slash', 'FROM alpine:3.19\nWORKDIR //sys\n', ['2:9 high']],
    ['a quoted path', 'FROM alpine:3.19\nWORKDIR "/proc"\n', ['2:10 high']],
    ['a path from a variable', 'FROM alpine:3.19\nENV STATE=/sys/kernel\nWORKDIR $STATE\n', ['3:9 high']],
    ['a relative WORKDIR after WORKDIR /', 'FROM alpine:3.19\nWORKDIR /\nWORKDIR proc\n', ['3:9 high']],
    ['VOLUME /sys', 'FROM alpine:3.19\nVOLUME /sys\n', ['2:8 high']],
    ['the second VOLUME path', 'FROM alpine:3.19\nVOLUME /data /dev/shm\n', ['2:14 high']],
    ['VOLUME in the JSON form', 'FROM alpine:3.19\nVOLUME ["/data", "/proc"]\n', ['2:19 high']]
  ])('fires on %s', (_name, text, expected) => {
    expect(dockerfile('DF017', text)).toEqual(expected)
  })

  it.each([
    ['/devices', 'FROM alpine:3.19\nWORKDIR /devices\n'],
    ['/process', 'FROM alpine:3.19\nWORKDIR /process\n'],
    ['/system', 'FROM alpine:3.19\nVOLUME /system\n'],
    ['/app/proc', 'FROM alpine:3.19\nWORKDIR /app/proc\n'],
    ['a relative path after an application WORKDIR', 'FROM alpine:3.19\nWORKDIR /app\nWORKDIR sys\n'],
    ['a relative path after the base image\'s unknown WORKDIR', 'FROM node:20\nWORKDIR dev\n'],
    ['an unresolvable variable', 'FROM alpine:3.19\nWORKDIR ${APP_HOME}\n'],
    ['a Windows path', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\\\dev\n'],
    ['VOLUME /data', 'FROM alpine:3.19\nVOLUME ["/data"]\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF017', text)).toEqual([])
  })

  it('names the system directory', () => {
    const [finding] = findingsOf('DF017', { Dockerfile: 'FROM alpine:3.19\nVOLUME /dev/shm\n' })
    expect(finding.message).toContain('VOLUME "/dev/shm" is in /dev')
  })
})
