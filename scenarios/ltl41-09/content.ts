import type { ScenarioContent } from '../scenario-module.ts';
import Briefing from './briefing.mdx';
import Debrief from './debrief.mdx';

const content: ScenarioContent = { Briefing, Debrief };
export default content;
