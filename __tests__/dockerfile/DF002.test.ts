import { beforeAll, describe, expect, it } from '@jest/globals'
import { dockerfile, lines, prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)

describe('DF002 sudo', () => {
  it.each([
    ['alone', 'FROM alpine\nRUN sudo apk add curl\n', ['2:5 high']],
    ['in a pipeline', 'FROM alpine\nRUN echo x | sudo tee /etc/x\n', ['2:14 high']],
    ['after &&', 'FROM alpine\nRUN apk update && sudo apk add x\n', ['2:19 high']],
    ['in a subshell', 'FROM alpine\nRUN (cd /tmp && sudo make install)\n', ['2:17 high']],
    ['behind env', 'FROM alpine\nRUN env A=1 sudo ls\n', ['2:13 high']],
    ['in exec form', 'FROM alpine\nRUN ["sudo", "ls"]\n', ['2:6 high']],
    ['in sh -c', 'FROM alpine\nRUN sh -c "apt-get update && sudo ls"\n', ['2:30 high']],
    ['as a full path', 'FROM alpine\nRUN /usr/bin/sudo ls\n', ['2:5 high']]
  ])('fires on sudo %s', (_name, text, expected) => {
    expect(dockerfile('DF002', text)).toEqual(expected)
  })

  it('fires at the physical line inside a continued RUN and a heredoc script', () => {
    const text = lines`
      FROM debian
      RUN set -eux; \\
          apt-get update; \\
          # a comment inside the continuation
          sudo apt-get install -y curl
      RUN <<EOT bash
        sudo id
      EOT
    `
    expect(dockerfile('DF002', text)).toEqual(['5:5 high', '7:3 high'])
  })

  it.each([
    ['installing the package', 'FROM debian\nRUN apt-get install -y sudo\n'],
    ['a quoted argument', 'FROM debian\nRUN echo "sudo make me a sandwich"\n'],
    ['a file named sudo', 'FROM debian\nRUN cp sudo /usr/local/bin/sudo-wrapper\n'],
    ['a heredoc of data', 'FROM debian\nRUN cat <<EOF > /etc/motd\nsudo is not here\nEOF\n'],
    ['a comment', 'FROM debian\n# RUN sudo ls\nRUN ls\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF002', text)).toEqual([])
  })
})
