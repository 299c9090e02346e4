import { SCORING_DIMENSIONS } from '../../../machines/vocabulary.ts';
import { strings } from '../../strings/en-gb.ts';
import type { ModeratedReport } from '../../supervision/moderation.ts';
import { dateTime } from '../console/time.ts';

const r = strings.ui.review;
const v = strings.vocabulary;

/** The machine's mark and the moderated one for each dimension, with who moderated, when and why. */
export function MarksTable({ report, caption }: { report: ModeratedReport; caption: string }) {
  return (
    <table className="marks">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{r.dimension}</th>
          <th scope="col">{r.machine}</th>
          <th scope="col">{r.moderated}</th>
        </tr>
      </thead>
      <tbody>
        {SCORING_DIMENSIONS.map((d) => {
          const row = report.dimensions[d];
          return (
            <tr key={d}>
              <th scope="row">{v.dimensions[d]}</th>
              <td>{row.machine}</td>
              <td>
                {row.moderated === null || !row.moderation ? (
                  '—'
                ) : (
                  <>
                    <strong>{row.moderated}</strong>{' '}
                    <span className="muted">
                      {r.by(row.moderation.supervisor, dateTime(row.moderation.at), row.moderation.reason)}
                    </span>
                  </>
                )}
              </td>
            </tr>
          );
        })}
        <tr>
          <th scope="row">{strings.ui.calibrate.total}</th>
          <td>{strings.ui.report.totalBand(report.machine.total, v.bands[report.machine.band])}</td>
          <td>
            {report.moderated
              ? strings.ui.report.totalBand(report.total, v.bands[report.band])
              : strings.ui.report.notModerated}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
