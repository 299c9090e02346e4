/*
 * npm run classroom -- --course "NAME" [--trainee NAME …] [--supervisor NAME …] [--scenario ID …]
 *                      [--assisted] [--port 5984] [--host 127.0.0.1] [--data .classroom | --memory]
 *                      [--origin URL …]
 * Starts a classroom server on this machine (src/classroom/server.ts): the course's databases, their
 * rules and users, kept in the data folder (LevelDB) so a restart keeps everything; prints each new
 * user's password once and how trainees' machines join. Runs until Ctrl+C. Without --scenario the
 * course has every scenario in the catalogue. Each --origin is the address the app is served from
 * (http://host:port), whose pages may then call the server with a trainee's sign-in (CORS).
 */
import { networkInterfaces } from 'node:os';
import { parseArgs } from 'node:util';
import { catalogue, findScenario } from '../../scenarios/catalogue.ts';
import { couchSetup } from '../classroom/design.ts';
import { rosterPeople, startClassroom, webOrigin, type Classroom } from '../classroom/server.ts';
import { courseIdOf } from '../sync/documents.ts';

const USAGE =
  'usage: npm run classroom -- --course "NAME" [--trainee NAME …] [--supervisor NAME …] [--scenario ID …] ' +
  '[--assisted] [--port 5984] [--host 127.0.0.1] [--data .classroom | --memory] [--origin URL …] [--print-setup]';

function options() {
  const { values } = parseArgs({
    options: {
      course: { type: 'string' },
      trainee: { type: 'string', multiple: true, default: [] },
      supervisor: { type: 'string', multiple: true, default: [] },
      scenario: { type: 'string', multiple: true, default: [] },
      assisted: { type: 'boolean', default: false },
      port: { type: 'string', default: '5984' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: '.classroom' },
      memory: { type: 'boolean', default: false },
      origin: { type: 'string', multiple: true, default: [] },
      'print-setup': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (!values.course?.trim()) throw new Error(`a course is needed\n${USAGE}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port ${values.port}: not a port`);
  const unknown = values.scenario.filter((id) => !findScenario(id));
  if (unknown.length > 0) {
    throw new Error(
      `no scenario ${unknown.join(', ')} in this build (there are: ${catalogue.map((e) => e.id).join(', ')})`,
    );
  }
  return {
    course: values.course,
    trainees: values.trainee,
    supervisors: values.supervisor,
    scenarios: values.scenario.length > 0 ? values.scenario : catalogue.map((entry) => entry.id),
    assisted: values.assisted,
    port,
    host: values.host,
    origins: values.origin.map(webOrigin),
    ...(values.memory ? {} : { data: values.data }),
    printSetup: values['print-setup'],
  };
}

/** The addresses other machines can reach this one at, for a server listening on every interface. */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((address) => address.family === 'IPv4' && !address.internal)
    .map((address) => address.address);
}

function describe(classroom: Classroom, listensEverywhere: boolean): string {
  const lines: string[] = [];
  const { course, port } = classroom;
  lines.push(`Classroom "${course.title}" (course ${course.id}) is open at ${classroom.url}`);
  lines.push(
    `  ${course.trainees.length} trainee(s); ${course.scenarios.length} scenario(s)${course.assisted ? ', assisted mode' : ''}.`,
  );
  lines.push('');
  if (listensEverywhere) {
    const addresses = lanAddresses();
    lines.push("Trainees' machines join at:");
    for (const address of addresses) lines.push(`  http://${address}:${port}/`);
    if (addresses.length === 0) lines.push('  (this machine has no network address other than itself)');
  } else {
    lines.push(
      `Only this machine can reach it (${classroom.host}). For a classroom, start it with --host 0.0.0.0 on`,
      "the classroom's own network, and trainees' machines join at this machine's address.",
    );
  }
  lines.push('  Each trainee signs in with their user name and password below.');
  lines.push(
    classroom.origins.length > 0
      ? `  The app may join from: ${classroom.origins.join(', ')}.`
      : '  No --origin given: name the address the app is served from (--origin http://host:port) so it can join.',
  );
  lines.push('');
  const made = classroom.users.filter((user) => user.password);
  if (made.length > 0) {
    lines.push('New users: give each their own password. It is shown only now (the server keeps a hash).');
    for (const user of made) {
      lines.push(
        `  ${user.role.padEnd(10)} ${user.displayName.padEnd(24)} user ${user.name.padEnd(20)} password ${user.password}`,
      );
    }
  }
  const kept = classroom.users.filter((user) => !user.password);
  if (kept.length > 0) {
    lines.push(`Users kept from before, with their passwords: ${kept.map((user) => user.name).join(', ')}.`);
  }
  lines.push('');
  lines.push(
    'The server enforces: a trainee opens only their own database (their attempts and the moderations',
  );
  lines.push(
    'of them), adds only their own attempts and changes nothing once written; a supervisor reads every',
  );
  lines.push(
    `trainee's attempts (course database "${classroom.courseDatabase}") and writes moderations and marks.`,
  );
  lines.push(
    classroom.adminFile
      ? `Administrator: user ${classroom.adminAuth.name}, password in ${classroom.adminFile} (readable by this account only).`
      : `Administrator (in memory, gone at stop): user ${classroom.adminAuth.name}, password ${classroom.adminAuth.password}`,
  );
  const trainee = classroom.users.find((user) => user.role === 'trainee');
  if (trainee?.database) {
    lines.push('');
    lines.push(
      "A trainee joins from the app's home screen (Join a classroom) with this server's address, their user",
      'name and password; their attempts are then sent as they play. To check a sign-in by hand:',
    );
    lines.push(`  curl -u ${trainee.name}:PASSWORD ${classroom.url}${trainee.database}`);
  }
  if (classroom.users.some((user) => user.role === 'supervisor')) {
    lines.push('');
    lines.push(
      'A supervisor joins the same way with their own user name: the course’s attempts arrive on their',
      'device as trainees play them, scored there, and their moderations and marks go back to the trainee.',
      'A device that has joined as a trainee opens the supervisor screens only with a supervisor’s sign-in.',
    );
  }
  lines.push('');
  lines.push('Ctrl+C stops the server; everything is kept for the next start.');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { printSetup, ...chosen } = options();
  if (printSetup) {
    const people = rosterPeople(chosen);
    const names = (role: string) =>
      people.filter((person) => person.role === role).map((person) => person.name);
    const setup = couchSetup(courseIdOf(chosen.course), names('trainee'), names('supervisor'));
    process.stdout.write(`${JSON.stringify(setup, null, 2)}\n`);
    return;
  }
  const classroom = await startClassroom({
    ...chosen,
    log: (line) => process.stderr.write(`${line}\n`),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      throw new Error(`port ${chosen.port} is in use: choose another with --port`);
    throw error;
  });
  process.stdout.write(`${describe(classroom, chosen.host === '0.0.0.0' || chosen.host === '::')}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('Stopping the classroom server…\n');
    classroom.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`classroom: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`classroom: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
