import common from '../../../locales/nl-BE/common.json'
import auth from '../../../locales/nl-BE/auth.json'
import admin from '../../../locales/nl-BE/admin.json'
import projects from '../../../locales/nl-BE/projects.json'
import goals from '../../../locales/nl-BE/goals.json'
import documents from '../../../locales/nl-BE/documents.json'
import meetings from '../../../locales/nl-BE/meetings.json'
import minutes from '../../../locales/nl-BE/minutes.json'
import calendar from '../../../locales/nl-BE/calendar.json'
import agendaPack from '../../../locales/nl-BE/agendaPack.json'
import activity from '../../../locales/nl-BE/activity.json'
import notifications from '../../../locales/nl-BE/notifications.json'
import standing from '../../../locales/nl-BE/standing.json'

/** The nl-BE texts: only what Flemish Dutch writes differently; the rest falls back on nl-NL. */
export default {
  common,
  auth,
  admin,
  projects,
  goals,
  documents,
  meetings,
  minutes,
  calendar,
  agendaPack,
  activity,
  notifications,
  standing,
}
