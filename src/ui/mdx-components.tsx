/*
 * The components scenario MDX may use. Briefings must open with <ContentNote>; debriefs must end with
 * <Signposting topics={[...]} /> (the validator checks both).
 */
import type { MDXComponents, MDXContent } from 'mdx/types';
import type { ReactNode } from 'react';
import { SIGNPOSTING, SUPPORT_TOPICS, type SupportTopic } from '../../scenarios/signposting.ts';
import { strings } from '../strings/en-gb.ts';

function ContentNote({ children }: { children?: ReactNode }) {
  return (
    <aside className="content-note" aria-labelledby="content-note-heading">
      <h2 id="content-note-heading">{strings.ui.mdx.contentNote}</h2>
      {children}
    </aside>
  );
}

/** Support for the topics of the scenario, and always for police staff. */
export function Signposting({ topics }: { topics: readonly SupportTopic[] }) {
  const shown = SUPPORT_TOPICS.filter((topic) => topics.includes(topic) || topic === 'police-wellbeing');
  return (
    <section className="signposting" aria-labelledby="signposting-heading">
      <h2 id="signposting-heading">{strings.ui.mdx.signposting}</h2>
      <p>{strings.ui.mdx.signpostingIntro}</p>
      {shown.map((topic) => (
        <div key={topic}>
          <h3>{SIGNPOSTING[topic].heading}</h3>
          <ul>
            {SIGNPOSTING[topic].organisations.map((organisation) => (
              <li key={organisation.name}>
                <a href={organisation.url} rel="noreferrer" target="_blank">
                  {organisation.name}
                </a>
                : {organisation.about}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function Source({ children }: { children?: ReactNode }) {
  return (
    <p className="source">
      <strong>{strings.ui.mdx.source}:</strong> {children}
    </p>
  );
}

function TrainerJudgement() {
  return <span className="badge trainer-judgement">{strings.ui.mdx.trainerJudgement}</span>;
}

const components: MDXComponents = { ContentNote, Signposting, Source, TrainerJudgement };

/**
 * Renders scenario MDX. `withoutSignposting` leaves a debrief's signposting out, for pages that show
 * several debriefs and end with one signposting section of their own.
 */
export function MdxContent({
  Content,
  withoutSignposting = false,
}: {
  Content: MDXContent;
  withoutSignposting?: boolean;
}) {
  return (
    <div className="mdx">
      <Content components={withoutSignposting ? { ...components, Signposting: () => null } : components} />
    </div>
  );
}
