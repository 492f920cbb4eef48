import { DX001 } from '../../cross/rules/DX001-service-runs-as-root.js'
import type { ComposeRule } from '../rule.js'
import { DC001 } from './DC001-privileged.js'
import { DC002 } from './DC002-container-runtime-socket.js'
import { DC003 } from './DC003-sensitive-host-mount.js'
import { DC004 } from './DC004-dangerous-capability.js'
import { DC005 } from './DC005-capabilities-not-dropped.js'
import { DC006 } from './DC006-host-namespace.js'
import { DC007 } from './DC007-security-profile-disabled.js'
import { DC008 } from './DC008-no-new-privileges-missing.js'
import { DC009 } from './DC009-root-user.js'
import { DC010 } from './DC010-host-device.js'
import { DC011 } from './DC011-secret-in-compose.js'
import { DC012 } from './DC012-port-on-all-interfaces.js'
import { DC013 } from './DC013-writable-root-filesystem.js'
import { DC014 } from './DC014-resource-limits-missing.js'
import { DC015 } from './DC015-image-unpinned.js'
import { DC016 } from './DC016-image-not-digest-pinned.js'
import { DC017 } from './DC017-untrusted-registry.js'
import { DC018 } from './DC018-mount-propagation-shared.js'
import { DC019 } from './DC019-host-sysctl.js'
import { DC020 } from './DC020-joined-namespace.js'
import { DC021 } from './DC021-invalid-compose.js'

/**
 * Every rule run on a Compose file. A new rule is one file in this folder and one line here. DX001 reads a
 * Compose file and the Dockerfile it builds; it lives in src/cross/ and runs here, while its Compose file is analysed.
 */
export const composeRules: ComposeRule[] = [
  DC001,
  DC002,
  DC003,
  DC004,
  DC005,
  DC006,
  DC007,
  DC008,
  DC009,
  DC010,
  DC011,
  DC012,
  DC013,
  DC014,
  DC015,
  DC016,
  DC017,
  DC018,
  DC019,
  DC020,
  DC021,
  DX001
]
