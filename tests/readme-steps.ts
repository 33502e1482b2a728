import { readFileSync } from "node:fs";
import { Kind, parse } from "graphql";

/** One operation of a README section: the party its block names ("# As the SSTRN (tab …"), its name and its block's text. */
export interface ReadmeStep {
  party: string;
  name: string;
  text: string;
}

/**
 * The operations of a README section that newcomers paste into GraphiQL,
 * block by block, in order: the tests play them as written.
 */
export function readmeSteps(heading: string): ReadmeStep[] {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const start = readme.indexOf(heading);
  if (start < 0) throw new Error(`README.md has no "${heading}"`);
  const section = readme.slice(start, readme.indexOf("\n## ", start + 10));
  return [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].flatMap(([, text]) => {
    const party = /^# As the (.+?) \(tab/.exec(text)![1];
    return parse(text).definitions.map((d) => ({
      party,
      name: d.kind === Kind.OPERATION_DEFINITION ? d.name!.value : "",
      text,
    }));
  });
}
