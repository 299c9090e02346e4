/*
 * The components scenario MDX may use. Briefings must open with <ContentNote>; debriefs must end with
 * <Signposting />, which lists the support topics named in the scenario's scenario.json (the validator
 * checks both).
 */
import type { MDXComponents, MDXContent } from 'mdx/types';
import type { ReactNode } from 'react';
import { SUPPORT_TOPICS, type SupportTopic } from '../../machines/vocabulary.ts';
import { SIGNPOSTING } from '../../scenarios/signposting.ts';
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
export function Signposting({
  topics,
  intro = strings.ui.mdx.signpostingIntro,
}: {
  topics: readonly SupportTopic[];
  intro?: string;
}) {
  const shown = SUPPORT_TOPICS.filter((topic) => topics.includes(topic) || topic === 'police-wellbeing');
  return (
    <section className="signposting" aria-labelledby="signposting-heading">
      <h2 id="signposting-heading">{strings.ui.mdx.signposting}</h2>
      <p>{intro}</p>
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

/**
 * Renders scenario MDX. A debrief's <Signposting /> lists `supportTopics`; without them (a page showing
 * several debriefs that ends with one signposting section of its own) it is left out.
 */
export function MdxContent({
  Content,
  supportTopics,
}: {
  Content: MDXContent;
  supportTopics?: readonly SupportTopic[];
}) {
  const components: MDXComponents = {
    ContentNote,
    Signposting: () => (supportTopics ? <Signposting topics={supportTopics} /> : null),
    Source,
    TrainerJudgement,
  };
  return (
    <div className="mdx">
      <Content components={components} />
    </div>
  );
}
