/*
 * The rules a classroom's databases enforce, as CouchDB takes them: each database's `_security` (who may
 * open it) and a design document whose validate_doc_update says who may write what. The same objects go
 * to the classroom server (server.ts) and, by hand or script, to a force's own CouchDB (README,
 * "Classroom server"). validate_doc_update is JavaScript the database runs, so it is written here as
 * plain ES5 source with the course and trainee written in; it checks ids with the patterns documents.ts
 * parses them with.
 */
import {
  DOC_ID_PATTERNS,
  SUPERVISOR_DOC_TYPES,
  SYNC_FORMAT_VERSION,
  TRAINEE_DOC_TYPES,
  courseDatabase,
  courseDocId,
  supervisorRole,
  traineeDatabase,
  traineeDocId,
  traineeRole,
} from '../sync/documents.ts';

/** CouchDB's `_security` object. */
export interface SecurityObject {
  admins: { names: string[]; roles: string[] };
  members: { names: string[]; roles: string[] };
}

export interface DesignDoc {
  _id: string;
  _rev?: string;
  validate_doc_update: string;
}

/** One design document per database; a server restarted with other rules rewrites it. */
export const DESIGN_DOC_ID = '_design/classroom';

/** A trainee's database: the trainee and the course's supervisors may open it; only the server admin changes its rules. */
export function traineeSecurity(course: string, trainee: string): SecurityObject {
  return {
    admins: { names: [], roles: [] },
    members: { names: [trainee], roles: [supervisorRole(course)] },
  };
}

/** The course database: its supervisors may read it. */
export function courseSecurity(course: string): SecurityObject {
  return { admins: { names: [], roles: [] }, members: { names: [], roles: [supervisorRole(course)] } };
}

/** `_users`: the server admin only (no signing up, no reading others' user documents). */
export const USERS_SECURITY: SecurityObject = {
  admins: { names: [], roles: [] },
  members: { names: [], roles: ['_admin'] },
};

const patternsSource = JSON.stringify(
  Object.fromEntries(Object.entries(DOC_ID_PATTERNS).map(([type, pattern]) => [type, pattern.source])),
);

/**
 * A trainee's database: the trainee may add their own attempts (header, events, finish) and the course's
 * supervisors their moderations and calibration marks of them, each under their own name; nothing is
 * changed or deleted once written; everything else (course, trainee, rules) is the server admin's.
 */
export function traineeDesign(course: string, trainee: string): DesignDoc {
  const validate = `function (newDoc, oldDoc, userCtx, secObj) {
  var COURSE = ${JSON.stringify(course)};
  var TRAINEE = ${JSON.stringify(trainee)};
  var SUPERVISORS = ${JSON.stringify(supervisorRole(course))};
  var VERSION = ${SYNC_FORMAT_VERSION};
  var PATTERNS = ${patternsSource};
  var TRAINEE_TYPES = ${JSON.stringify(TRAINEE_DOC_TYPES)};
  var SUPERVISOR_TYPES = ${JSON.stringify(SUPERVISOR_DOC_TYPES)};
  var roles = userCtx.roles || [];
  function forbid(why) { throw ({ forbidden: why }); }
  if (roles.indexOf('_admin') !== -1) return;
  if (oldDoc) forbid('"' + newDoc._id + '" is written once: it cannot be changed or deleted.');
  if (newDoc._deleted) forbid('Nothing in a classroom is deleted but by its administrator.');
  var type = newDoc.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(PATTERNS, type)) {
    forbid('A classroom document needs a known type, not ' + JSON.stringify(type) + '.');
  }
  var match = new RegExp(PATTERNS[type]).exec(newDoc._id);
  if (!match) forbid('"' + newDoc._id + '" is not the id of a ' + type + ' document.');
  if (newDoc.v !== VERSION) forbid('This server takes documents of version ' + VERSION + '.');
  if (newDoc.course !== COURSE) forbid('This database is course "' + COURSE + '".');
  if (newDoc.trainee !== TRAINEE) forbid('This database holds trainee "' + TRAINEE + '" only.');
  if (newDoc._attachments) forbid('Classroom documents have no attachments.');
  if (TRAINEE_TYPES.indexOf(type) !== -1) {
    if (userCtx.name !== TRAINEE) forbid('Only trainee "' + TRAINEE + '" writes their attempts.');
    if (newDoc.attempt !== match[1]) forbid('"' + newDoc._id + '" is of attempt ' + match[1] + '.');
    if (type === 'attempt-event' && newDoc.seq !== Number(match[2])) {
      forbid('"' + newDoc._id + '" is event ' + Number(match[2]) + '.');
    }
    return;
  }
  if (SUPERVISOR_TYPES.indexOf(type) !== -1) {
    if (roles.indexOf(SUPERVISORS) === -1) {
      forbid('Only a supervisor of course "' + COURSE + '" writes moderations and calibration marks.');
    }
    if (newDoc.supervisor !== userCtx.name) forbid('A supervisor writes under their own name.');
    if (newDoc.id !== match[1]) forbid('"' + newDoc._id + '" is ' + type + ' ' + match[1] + '.');
    return;
  }
  forbid('Course and trainee documents are written by the classroom server.');
}`;
  return { _id: DESIGN_DOC_ID, validate_doc_update: validate };
}

/** The course database: written only by the server admin (the replications that fill it). */
export function courseDesign(): DesignDoc {
  const validate = `function (newDoc, oldDoc, userCtx, secObj) {
  if ((userCtx.roles || []).indexOf('_admin') !== -1) return;
  throw ({ forbidden: "The course database is filled by the classroom server from the trainees' databases: a moderation goes into the trainee's database." });
}`;
  return { _id: DESIGN_DOC_ID, validate_doc_update: validate };
}

/** One database's setup: its name, `_security` and design document. */
export interface DatabaseSetup {
  name: string;
  security: SecurityObject;
  design: DesignDoc;
}

/**
 * A course's whole setup for a CouchDB set up by hand or script (README, "Classroom server"): the
 * databases with their rules, the users' roles, and the `_replicator` documents that do what the
 * classroom server does in process. Passwords and the server's address are the administrator's to fill in.
 */
export function couchSetup(course: string, trainees: readonly string[], supervisors: readonly string[]) {
  const databases: DatabaseSetup[] = [
    { name: courseDatabase(course), security: courseSecurity(course), design: courseDesign() },
    ...trainees.map((trainee) => ({
      name: traineeDatabase(course, trainee),
      security: traineeSecurity(course, trainee),
      design: traineeDesign(course, trainee),
    })),
  ];
  const users = [
    ...trainees.map((name) => ({
      _id: `org.couchdb.user:${name}`,
      type: 'user',
      name,
      roles: [traineeRole(course)],
    })),
    ...supervisors.map((name) => ({
      _id: `org.couchdb.user:${name}`,
      type: 'user',
      name,
      roles: [supervisorRole(course)],
    })),
  ];
  const at = (database: string) => ({
    url: `https://COUCHDB/${database}`,
    auth: { basic: { username: 'ADMIN', password: 'ADMIN-PASSWORD' } },
  });
  const replications = trainees.flatMap((trainee) => [
    {
      _id: `${traineeDatabase(course, trainee)}-to-course`,
      source: at(traineeDatabase(course, trainee)),
      target: at(courseDatabase(course)),
      continuous: true,
      // every document but the design document: each database keeps its own rules
      selector: { _id: { $regex: '^[^_]' } },
    },
    {
      _id: `course-to-${traineeDatabase(course, trainee)}`,
      source: at(courseDatabase(course)),
      target: at(traineeDatabase(course, trainee)),
      continuous: true,
      doc_ids: [courseDocId(course), traineeDocId(trainee)],
    },
  ]);
  return { databases, users, replications };
}
