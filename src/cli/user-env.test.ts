import { describe, expect, it } from 'vitest';
import { setForSelf } from './user-env';

const NAME = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

describe('the user environment beside what the CLI sets for itself', () => {
  it('sets the variable for the process and hides it from the view, in every way of reading', () => {
    const env: NodeJS.ProcessEnv = { HOME: '/home/u', AWS_PROFILE: 'dev' };
    const user = setForSelf(env, NAME, 'true');
    expect(env[NAME]).toBe('true');
    expect(user[NAME]).toBeUndefined();
    expect(NAME in user).toBe(false);
    expect(Object.keys(user).sort()).toEqual(['AWS_PROFILE', 'HOME']);
    expect({ ...user }).toEqual({ HOME: '/home/u', AWS_PROFILE: 'dev' });
    expect(Object.entries(user)).toEqual(Object.entries({ HOME: '/home/u', AWS_PROFILE: 'dev' }));
  });

  it('reads the live environment: a later change shows through', () => {
    const env: NodeJS.ProcessEnv = {};
    const user = setForSelf(env, NAME, 'true');
    env.AWS_REGION = 'eu-west-1';
    expect(user.AWS_REGION).toBe('eu-west-1');
    expect({ ...user }).toEqual({ AWS_REGION: 'eu-west-1' });
  });

  it("keeps the user's own value, visible, when they set it", () => {
    const env: NodeJS.ProcessEnv = { [NAME]: 'false' };
    const user = setForSelf(env, NAME, 'true');
    expect(env[NAME]).toBe('false');
    expect(user[NAME]).toBe('false');
    expect({ ...user }).toEqual({ [NAME]: 'false' });
  });

  it('hides only that name: another case is another variable outside Windows', () => {
    const env: NodeJS.ProcessEnv = { [NAME.toLowerCase()]: 'mine' };
    const user = setForSelf(env, NAME, 'true', 'linux');
    expect({ ...user }).toEqual({ [NAME.toLowerCase()]: 'mine' });
    const onWindows = setForSelf({ Path: 'C:\\Windows' }, NAME, 'true', 'win32');
    expect(Object.keys(onWindows)).toEqual(['Path']);
  });
});
