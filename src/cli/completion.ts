// Shell completion for `sso-tray`: what each command accepts, taken from the command registry
// (commands/index.ts) and each command's declared options (CliCommand.options) or, for a command
// that declares none, its usage text (every `--flag` of the synopsis and of the option lines; a
// flag written with an upper-case placeholder after it, `--account ID`, takes a value). So a new
// command appears in completion without any change here.
//
// The scripts hold the commands and flags themselves, so completing a command or a flag starts
// no process; only the value of a flag that names local data (--session, --account, --role,
// --profile, --format) runs `sso-tray __complete KIND`, which reads local files only
// (completion-values.ts).
import type { CliCommand } from './types';
import type { ValueKind } from './completion-values';

export const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];

export interface FlagSpec {
  name: string;
  takesValue: boolean;
  /** Where its values come from, when completion can offer them. */
  values?: ValueKind;
}

export interface CommandSpec {
  name: string;
  summary: string;
  flags: FlagSpec[];
}

/** Which flags name local data, and which. */
const FLAG_VALUES: Record<string, ValueKind> = {
  session: 'sessions',
  account: 'accounts',
  role: 'roles',
  profile: 'profiles',
  format: 'formats',
};

const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'help', takesValue: false },
  { name: 'verbose', takesValue: false },
];

/** The flags a usage text names, in order of first mention. Exported for its tests. */
export function flagsFromUsage(usage: string): Array<{ name: string; takesValue: boolean }> {
  const synopsis = usage.split(/\n\s*\n/)[0] ?? '';
  const optionLines = usage.split('\n').filter((l) => /^\s+--[a-z]/.test(l));
  const out = new Map<string, boolean>();
  const re = /--([a-z][a-z0-9-]*)(?:[ =]([A-Z][A-Z0-9_]*)\b)?/g;
  for (const part of [synopsis, ...optionLines.map((l) => l.trim().split(/\s{2,}/)[0] ?? '')]) {
    for (const m of part.matchAll(re)) {
      const name = m[1] ?? '';
      out.set(name, (out.get(name) ?? false) || m[2] !== undefined);
    }
  }
  return [...out].map(([name, takesValue]) => ({ name, takesValue }));
}

export function commandSpec(c: CliCommand): CommandSpec {
  const declared = c.options
    ? Object.entries(c.options).map(([name, o]) => ({ name, takesValue: o.type === 'string' }))
    : flagsFromUsage(c.usage);
  const flags: FlagSpec[] = declared.map((f) => {
    const values = f.takesValue ? FLAG_VALUES[f.name] : undefined;
    return values === undefined ? f : { ...f, values };
  });
  for (const g of GLOBAL_FLAGS) if (!flags.some((f) => f.name === g.name)) flags.push(g);
  return { name: c.name, summary: c.summary, flags };
}

const sh = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
const ps = (word: string) => `'${word.replace(/'/g, "''")}'`;

function bashScript(specs: CommandSpec[], command: readonly string[]): string {
  const run = command.map(sh).join(' ');
  const cases = specs.map((s) => {
    const flags = s.flags.map((f) => `--${f.name}`).join(' ');
    const valued = s.flags.filter((f) => f.takesValue);
    const kinds = valued.map((f) => `        --${f.name}) kind=${f.values ?? '-'} ;;`).join('\n');
    return `    ${sh(s.name)})\n      flags='${flags}'\n      case $prev in\n${kinds}\n      esac ;;`;
  });
  return `# sso-tray completion for bash. Load it with:  source <(sso-tray completion bash)
_sso_tray_values() {
  local kind=$1 session='' account='' i
  for ((i = 2; i < COMP_CWORD; i++)); do
    case \${COMP_WORDS[i]} in
      --session) session=\${COMP_WORDS[i + 1]} ;;
      --account) account=\${COMP_WORDS[i + 1]} ;;
    esac
  done
  local args=(__complete "$kind")
  [[ -n $session ]] && args+=(--session "$session")
  [[ -n $account && $kind == roles ]] && args+=(--account "$account")
  ${run} "\${args[@]}" 2>/dev/null
}

_sso_tray_offer() {
  local cur=$1 word line q
  while IFS= read -r line; do
    word=\${line%%$'\\t'*}
    [[ -n $word && $word == "$cur"* ]] || continue
    printf -v q '%q' "$word"
    COMPREPLY+=("$q")
  done
}

_sso_tray() {
  COMPREPLY=()
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD - 1]}
  if ((COMP_CWORD == 1)); then
    _sso_tray_offer "$cur" <<'EOF'
${[...specs.map((s) => s.name), 'help', '--help', '--version'].join('\n')}
EOF
    return 0
  fi
  local cmd=\${COMP_WORDS[1]} flags='' kind=''
  case $cmd in
${cases.join('\n')}
    help)
      ((COMP_CWORD == 2)) && _sso_tray_offer "$cur" <<'EOF'
${specs.map((s) => s.name).join('\n')}
EOF
      return 0 ;;
  esac
  if [[ $kind == - ]]; then
    return 0
  elif [[ -n $kind ]]; then
    _sso_tray_offer "$cur" < <(_sso_tray_values "$kind")
  elif [[ $cmd == completion && $COMP_CWORD == 2 ]]; then
    _sso_tray_offer "$cur" <<'EOF'
${SHELLS.join('\n')}
EOF
  else
    _sso_tray_offer "$cur" < <(printf '%s\\n' $flags)
  fi
  return 0
}
complete -F _sso_tray sso-tray
`;
}

function zshScript(specs: CommandSpec[], command: readonly string[]): string {
  return `#compdef sso-tray
# sso-tray completion for zsh (through zsh's bash completion support). Load it with:
#   source <(sso-tray completion zsh)
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashScript(specs, command).split('\n').slice(1).join('\n')}`;
}

function fishScript(specs: CommandSpec[], command: readonly string[]): string {
  const run = command.map(sh).join(' ');
  const lines = [
    '# sso-tray completion for fish. Load it with:  sso-tray completion fish | source',
    'function __sso_tray_values',
    '    set -l kind $argv[1]',
    '    set -l tokens (commandline -opc)',
    '    set -l args __complete $kind',
    '    for i in (seq 2 (count $tokens))',
    '        set -l next (math $i + 1)',
    '        if test $next -le (count $tokens)',
    '            switch $tokens[$i]',
    '                case --session',
    '                    set args $args --session $tokens[$next]',
    '                case --account',
    '                    test $kind = roles; and set args $args --account $tokens[$next]',
    '            end',
    '        end',
    '    end',
    `    ${run} $args 2>/dev/null`,
    'end',
    'complete -c sso-tray -f',
    `complete -c sso-tray -n __fish_use_subcommand -l help -d 'show the usage'`,
    `complete -c sso-tray -n __fish_use_subcommand -l version -d 'print the version'`,
  ];
  for (const s of specs) {
    lines.push(
      `complete -c sso-tray -n __fish_use_subcommand -a ${sh(s.name)} -d ${sh(s.summary)}`,
    );
    const when = sh(`__fish_seen_subcommand_from ${s.name}`);
    for (const f of s.flags) {
      let line = `complete -c sso-tray -n ${when} -l ${f.name}`;
      if (f.takesValue) line += ' -x'; // a value of its own, never a file name
      if (f.values !== undefined) line += ` -a ${sh(`(__sso_tray_values ${f.values})`)}`;
      lines.push(line);
    }
  }
  lines.push(
    `complete -c sso-tray -n ${sh('__fish_seen_subcommand_from completion')} -a ${sh(SHELLS.join(' '))}`,
  );
  return `${lines.join('\n')}\n`;
}

function powershellScript(specs: CommandSpec[], command: readonly string[]): string {
  const [exe, ...pre] = command;
  const table = specs
    .map((s) => `    ${ps(s.name)} = @(${s.flags.map((f) => ps(`--${f.name}`)).join(', ')})`)
    .join('\n');
  const kinds = specs
    .flatMap((s) =>
      s.flags
        .filter((f) => f.takesValue)
        .map((f) => `    ${ps(`${s.name} --${f.name}`)} = ${ps(f.values ?? '-')}`),
    )
    .join('\n');
  return `# sso-tray completion for PowerShell. Load it with:
#   sso-tray completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName sso-tray -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $flags = @{
${table}
  }
  $kinds = @{
${kinds}
  }
  $words = @($commandAst.CommandElements | ForEach-Object { $_.ToString() })
  $typed = if ($wordToComplete -eq '') { $words.Count } else { $words.Count - 1 }
  if ($typed -le 1) {
    $candidates = @($flags.Keys) + @('help', '--help', '--version')
  } else {
    $cmd = $words[1]
    $prev = $words[$typed - 1]
    $kind = $kinds["$cmd $prev"]
    if ($kind -eq '-') { return }
    if ($kind) {
      $a = @('__complete', $kind)
      for ($i = 2; $i -lt $typed - 1; $i++) {
        if ($words[$i] -eq '--session') { $a += @('--session', $words[$i + 1]) }
        if ($words[$i] -eq '--account' -and $kind -eq 'roles') { $a += @('--account', $words[$i + 1]) }
      }
      $candidates = @(& ${ps(exe ?? 'sso-tray')} ${pre.map(ps).join(' ')} @a 2>$null | ForEach-Object { ($_ -split "\`t")[0] })
    } elseif ($cmd -eq 'completion' -and $typed -eq 2) {
      $candidates = @(${SHELLS.map(ps).join(', ')})
    } else {
      $candidates = $flags[$cmd]
    }
  }
  $candidates | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
    $text = if ($_ -match '[\\s''"]') { "'" + ($_ -replace "'", "''") + "'" } else { $_ }
    [System.Management.Automation.CompletionResult]::new($text, $_, 'ParameterValue', $_)
  }
}
`;
}

/** The completion script for `shell`, running `command` (how to start sso-tray) for values. */
export function completionScript(
  shell: Shell,
  commands: readonly CliCommand[],
  command: readonly string[],
): string {
  const specs = commands.map(commandSpec);
  switch (shell) {
    case 'bash':
      return bashScript(specs, command);
    case 'zsh':
      return zshScript(specs, command);
    case 'fish':
      return fishScript(specs, command);
    case 'powershell':
      return powershellScript(specs, command);
  }
}
