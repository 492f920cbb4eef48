import type { DockerfileRule } from '../rule.js'
import { DF001 } from './DF001-root-user.js'
import { DF002 } from './DF002-sudo.js'
import { DF003 } from './DF003-remote-code-execution.js'
import { DF004 } from './DF004-tls-verification-disabled.js'
import { DF005 } from './DF005-signature-verification-disabled.js'
import { DF006 } from './DF006-secret-in-build-config.js'
import { DF007 } from './DF007-secret-file-in-image.js'
import { DF008 } from './DF008-image-unpinned.js'
import { DF009 } from './DF009-image-not-digest-pinned.js'
import { DF010 } from './DF010-untrusted-registry.js'
import { DF011 } from './DF011-add-remote-url.js'
import { DF012 } from './DF012-insecure-transport.js'
import { DF013 } from './DF013-world-writable.js'
import { DF014 } from './DF014-setuid-setgid.js'
import { DF015 } from './DF015-ssh-server.js'
import { DF016 } from './DF016-insecure-build-sandbox.js'
import { DF017 } from './DF017-system-dir-workdir-volume.js'
import { DF018 } from './DF018-root-equivalent-account.js'
import { DF019 } from './DF019-pipefail-missing.js'
import { DF020 } from './DF020-context-copied-without-dockerignore.js'
import { DF021 } from './DF021-healthcheck-missing.js'
import { DF022 } from './DF022-package-version-unpinned.js'
import { DF023 } from './DF023-invalid-dockerfile.js'

/** Every Dockerfile rule. A new rule is one file in this folder and one line here. */
export const dockerfileRules: DockerfileRule[] = [
  DF001,
  DF002,
  DF003,
  DF004,
  DF005,
  DF006,
  DF007,
  DF008,
  DF009,
  DF010,
  DF011,
  DF012,
  DF013,
  DF014,
  DF015,
  DF016,
  DF017,
  DF018,
  DF019,
  DF020,
  DF021,
  DF022,
  DF023
]
