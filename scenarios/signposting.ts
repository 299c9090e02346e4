/*
 * Support and information, as listed at the end of IOPC Learning the Lessons issue 41. Every scenario's
 * debrief ends with the groups relevant to it, and always with support for police staff.
 */
import type { SupportTopic } from '../machines/vocabulary.ts';

export interface SupportOrganisation {
  name: string;
  url: string;
  about: string;
}

export const SIGNPOSTING: Record<SupportTopic, { heading: string; organisations: SupportOrganisation[] }> = {
  'domestic-abuse': {
    heading: 'Domestic abuse',
    organisations: [
      {
        name: "Women's Aid (also Welsh Women's Aid)",
        url: 'https://www.womensaid.org.uk',
        about: 'A federation of organisations working with women and children affected by domestic abuse.',
      },
      {
        name: 'Suzy Lamplugh Trust',
        url: 'https://www.suzylamplugh.org',
        about: 'Runs the National Stalking Helpline, free advice for victims of stalking.',
      },
      {
        name: 'Victim Support',
        url: 'https://www.victimsupport.org.uk',
        about: 'Emotional and practical support for people affected by crime and traumatic events.',
      },
      {
        name: 'SafeLives',
        url: 'https://safelives.org.uk/',
        about: 'A UK-wide charity dedicated to ending domestic abuse.',
      },
    ],
  },
  'mental-health': {
    heading: 'Mental health',
    organisations: [
      {
        name: 'Mind (also Mind Cymru)',
        url: 'https://www.mind.org.uk/',
        about: 'Support, information and advice for the public, and training for professionals.',
      },
      {
        name: 'Young Minds',
        url: 'https://www.youngminds.org.uk/',
        about: 'Supports children and young people, their families and professionals.',
      },
      {
        name: 'Samaritans',
        url: 'https://www.samaritans.org/',
        about: 'A 24/7 helpline, and support services for people at work, including health and care.',
      },
    ],
  },
  'missing-people': {
    heading: 'Missing people',
    organisations: [
      {
        name: 'Missing People',
        url: 'https://www.missingpeople.org.uk/',
        about: 'A free, confidential helpline for people affected by a disappearance.',
      },
    ],
  },
  'alcohol-drugs': {
    heading: 'Alcohol and substance misuse',
    organisations: [
      {
        name: 'With You (formerly Addaction)',
        url: 'https://www.wearewithyou.org.uk/',
        about: 'Free, confidential support with drugs, alcohol or mental health.',
      },
      {
        name: 'Turning Point',
        url: 'https://www.turning-point.co.uk/',
        about: 'Support with drug and alcohol use, mental health and more.',
      },
    ],
  },
  'police-wellbeing': {
    heading: 'For police officers and staff',
    organisations: [
      {
        name: 'Oscar Kilo',
        url: 'https://www.oscarkilo.org.uk/',
        about: 'The police national wellbeing service.',
      },
    ],
  },
};
