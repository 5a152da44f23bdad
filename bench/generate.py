"""Generate a disclosure site of N realistic documents over the example agency's catalogue.

Policies come with their interpretations, annual reports carry the six national sections,
and every document has a 索引号, a date and Chinese text of about 2,000 characters with 文号,
dates and figures. The output is deterministic for a given N. It passes `mkdocs build --strict`.

    python bench/generate.py 1000 /tmp/bench-1000 [--plain]
    python bench/generate.py --platform 20 1000 /tmp/platform-20x1000

--plain writes the same pages for plain mkdocs-material (no disclosure plugin), the baseline.
--platform DEPTS writes a 政府信息公开平台 instead: the government (示例市人民政府) and DEPTS
departments, N documents each, every unit written by the same unit writer with its own 索引号
prefix and name; every third department also interprets some of the government's policies.
"""

from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
FIRST_YEAR, LAST_YEAR = 2016, 2026

# Share of each document type in the generated corpus (interpretations follow their policies).
MIX = [("policy", 0.22), ("notice", 0.22), ("plan", 0.10), ("enforcement", 0.12), ("budget", 0.04), ("proposal", 0.08),
       ("consultation", 0.04)]

SUBJECTS = ["安全生产", "危险化学品", "应急避难场所", "防汛抗旱", "森林防火", "自然灾害救助", "应急演练", "城镇燃气",
            "有限空间作业", "工贸行业", "尾矿库", "烟花爆竹", "地质灾害", "应急物资储备", "救援队伍建设", "行政执法",
            "举报奖励", "安全培训", "事故调查", "隐患排查治理", "防灾减灾宣传", "综合减灾示范社区", "应急预案管理"]
ACTIONS = ["管理办法", "实施细则", "工作方案", "实施意见", "暂行规定", "考核办法", "专项整治方案", "监督检查办法"]
LAWS = ["《中华人民共和国安全生产法》", "《中华人民共和国突发事件应对法》", "《生产安全事故应急条例》",
        "《危险化学品安全管理条例》", "《自然灾害救助条例》", "《中华人民共和国政府信息公开条例》"]
UNITS = ["各县区应急管理局", "各街道办事处", "局机关各科室", "各直属单位", "各有关企业", "市安全生产委员会各成员单位"]
SENTENCES = [
    "为进一步做好{s}工作，根据{law}和有关规定，结合本市实际，制定本{a}。",
    "各县区要把{s}纳入年度重点工作，明确责任分工，于{m}月底前报送工作进展。",
    "{year}年全市共开展{s}检查{n}次，发现问题{k}项，已整改{j}项，整改率{p}%。",
    "对检查中发现的重大事故隐患，实行挂牌督办，整改不到位的依法予以处罚并向社会公开。",
    "{ag}会同有关部门建立{s}联席会议制度，每季度召开一次会议，通报情况、研究问题。",
    "鼓励社会公众通过12350热线和政府网站举报{s}方面的违法行为，查证属实的给予奖励。",
    "本{a}所称{s}，是指在本市行政区域内从事相关活动的单位和个人应当履行的安全管理义务。",
    "各单位应当加强宣传培训，利用“安全生产月”“防灾减灾日”等时机普及{s}知识，提升群众自救互救能力。",
    "财政部门按照规定保障{s}工作经费，资金使用情况接受审计监督，并在部门决算中予以公开。",
    "执行中遇到的问题，请及时向{ag}政策法规科反映，联系电话0000-12345678。",
    "{s}工作实行属地管理、分级负责，县区人民政府对本行政区域内的{s}工作负总责。",
    "依据{law}第{k}条，生产经营单位未按规定履行{s}义务的，由应急管理部门责令限期改正。",
]
NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Profile:
    """Who publishes a unit's documents: the single agency, the government or one department."""
    name: str           # full name, in titles: 示例市应急管理局
    index_prefix: str   # 索引号 before the slash: EX0001
    code: str           # 机关代字 of its 发文字号: 示应急
    short: str          # how its own texts name it: 市应急管理局

    @property
    def index_pattern(self) -> str:
        return "^" + self.index_prefix + r"/\d{4}-\d{5}$"


EXAMPLE = Profile("示例市应急管理局", "EX0001", "示应急", "市应急管理局")


@dataclass(frozen=True)
class Policy:
    """A policy a unit wrote: what another unit's interpretation needs to name it."""
    index_no: str
    published: str
    title: str
    subject: str


@dataclass
class Counter:
    """The next 索引号 and 发文字号 per year."""
    profile: Profile = EXAMPLE
    index: dict[int, int] = field(default_factory=dict)
    number: dict[tuple[str, int], int] = field(default_factory=dict)

    def index_no(self, year: int) -> str:
        self.index[year] = self.index.get(year, 0) + 1
        return f"{self.profile.index_prefix}/{year}-{self.index[year]:05d}"

    def doc_no(self, kind: str, year: int) -> str:
        key = (kind, year)
        self.number[key] = self.number.get(key, 0) + 1
        return f"{self.profile.code}{kind}〔{year}〕{self.number[key]}号"


class Writer:
    """One unit's `count` documents into `content` (a site's content/, or a department's folder in it).

    `seed` defaults to `count`, which keeps a single agency's output what it always was;
    `foreign` are another unit's policies, some of which this unit interprets."""

    def __init__(self, count: int, content: Path, plain: bool, profile: Profile = EXAMPLE,
                 seed: int | str | None = None, foreign: tuple[Policy, ...] = ()):
        self.rng = random.Random(count if seed is None else seed)
        self.count, self.content, self.plain = count, content, plain
        self.profile, self.foreign = profile, foreign
        self.numbers = Counter(profile)
        self.policies: list[Policy] = []

    # --- text ---------------------------------------------------------------------------------

    def sentence(self, subject: str, action: str, year: int) -> str:
        template = self.rng.choice(SENTENCES)
        n = self.rng.randint(12, 480)
        return template.format(s=subject, a=action, ag=self.profile.short, law=self.rng.choice(LAWS), year=year,
                               m=self.rng.randint(1, 12),
                               n=n, k=self.rng.randint(2, 60), j=self.rng.randint(1, 40), p=self.rng.randint(80, 100))

    def paragraphs(self, subject: str, action: str, year: int, chars: int) -> list[str]:
        found, size = [], 0
        while size < chars:
            paragraph = "".join(self.sentence(subject, action, year) for _ in range(self.rng.randint(3, 6)))
            found.append(paragraph)
            size += len(paragraph)
        return found

    def body(self, subject: str, action: str, year: int, headings: list[str] | None = None) -> str:
        headings = headings or [f"{NUMERALS[i]}、{t}" for i, t in enumerate(
            self.rng.sample(["总体要求", "主要任务", "职责分工", "保障措施", "监督检查", "工作要求", "附则"], 4))]
        parts = [self.rng.choice(UNITS) + "："]
        share = self.rng.randint(1600, 2600) // len(headings)
        for heading in headings:
            parts.append(f"## {heading}")
            parts += self.paragraphs(subject, action, year, share)
        return "\n\n".join(parts) + "\n"

    # --- documents ----------------------------------------------------------------------------

    def date(self, year: int) -> str:
        last_month = 10 if year == LAST_YEAR else 12
        return f"{year}-{self.rng.randint(1, last_month):02d}-{self.rng.randint(1, 28):02d}"

    def write(self, folder: str, name: str, meta: dict, body: str) -> None:
        path = self.content / folder / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.plain:
            # Plain Material: the same page, with the metadata as a table, as a CMS export would have it.
            table = "| 索引号 | 发文字号 | 发布日期 |\n|---|---|---|\n" + \
                f"| {meta['index_no']} | {meta.get('doc_no', '')} | {meta['published']} |\n\n"
            path.write_text(f"# {meta['title']}\n\n" + table + body, encoding="utf-8")
            return
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")

    def policy_with_interpretation(self, year: int) -> int:
        subject, action = self.rng.choice(SUBJECTS), self.rng.choice(ACTIONS[:5])
        title = f"示例市{subject}{action}"
        published, index_no = self.date(year), self.numbers.index_no(year)
        self.write("policies/normative", index_no.replace("/", "-"), {
            "title": title, "type": "policy", "index_no": index_no, "published": published,
            "doc_no": self.numbers.doc_no("规", year), "issued": published, "validity": "有效",
            "topics": [subject]}, self.body(subject, action, year))
        self.policies.append(Policy(index_no, published, title, subject))
        explainer = self.numbers.index_no(year)
        self.write("interpretations", explainer.replace("/", "-"), {
            "title": f"《{title}》政策解读", "type": "interpretation", "index_no": explainer, "published": published,
            "interprets": index_no, "topics": [subject]},
            self.body(subject, action, year, ["一、背景依据", "二、主要内容", "三、适用范围"]))
        return 2

    def consultation_with_feedback(self, year: int) -> int:
        subject, action = self.rng.choice(SUBJECTS), self.rng.choice(ACTIONS[:5])
        draft = f"《示例市{subject}{action}（征求意见稿）》"
        month, day = self.rng.randint(1, 8), self.rng.randint(1, 20)
        opens, closes = f"{year}-{month:02d}-{day:02d}", f"{year}-{month + 1:02d}-{day:02d}"
        index_no = self.numbers.index_no(year)
        self.write("consultations", index_no.replace("/", "-"), {
            "title": f"关于征求{draft}意见的公告", "type": "consultation", "index_no": index_no, "published": opens,
            "opens": opens, "closes": closes, "topics": ["征求意见", subject]}, self.body(subject, action, year))
        feedback = self.numbers.index_no(year)
        self.write("consultations", feedback.replace("/", "-"), {
            "title": f"{draft}意见采纳情况", "type": "feedback", "index_no": feedback,
            "published": f"{year}-{month + 1:02d}-{day + 5:02d}", "responds_to": index_no,
            "topics": ["征求意见", subject]}, self.body(subject, action, year))
        return 2

    def simple(self, kind: str, year: int) -> int:
        subject, action = self.rng.choice(SUBJECTS), self.rng.choice(ACTIONS)
        index_no, published = self.numbers.index_no(year), self.date(year)
        meta = {"type": kind, "index_no": index_no, "published": published, "topics": [subject]}
        folder = {"notice": "policies/other", "plan": "plans", "enforcement": "enforcement", "budget": "finance",
                  "proposal": "proposals"}[kind]
        if kind == "notice":
            meta.update(title=f"关于做好{year}年{subject}工作的通知", doc_no=self.numbers.doc_no("发", year),
                        issued=published)
        elif kind == "plan":
            meta.update(title=f"{self.profile.name}{year}年{subject}工作计划", issued=published)
        elif kind == "enforcement":
            meta.update(title=f"{year}年{subject}行政执法检查结果公示（第{self.rng.randint(1, 40)}期）")
        elif kind == "budget":
            meta.update(title=f"{self.profile.name}{year}年{subject}专项资金安排情况", year=year)
        else:
            meta.update(title=f"对市人大代表第{self.rng.randint(1, 400)}号建议的答复（{subject}）",
                        doc_no=self.numbers.doc_no("建", year))
        self.write(folder, index_no.replace("/", "-"), {"title": meta.pop("title"), **meta},
                   self.body(subject, action, year))
        return 1

    def annual_report(self, year: int) -> None:
        index_no = self.numbers.index_no(year + 1)
        sections = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
        self.write("reports", str(year), {
            "title": f"{self.profile.name}{year}年政府信息公开工作年度报告", "type": "annual-report",
            "index_no": index_no, "published": f"{year + 1}-01-20", "year": year, "topics": ["政务公开"]},
            self.body("政务公开", "报告", year, sections))

    def foreign_interpretations(self, budget: int) -> int:
        """This unit's interpretations of up to two of another unit's policies, published the same day."""
        chosen = self.rng.sample(self.foreign, min(2, len(self.foreign), budget))
        for policy in chosen:
            year = int(policy.published[:4])
            index_no = self.numbers.index_no(year)
            self.write("interpretations", index_no.replace("/", "-"), {
                "title": f"{self.profile.short}解读《{policy.title}》", "type": "interpretation", "index_no": index_no,
                "published": policy.published, "interprets": policy.index_no, "topics": [policy.subject]},
                self.body(policy.subject, "解读", year, ["一、背景依据", "二、主要内容", "三、部门职责"]))
        return len(chosen)

    def generate(self) -> None:
        years = list(range(FIRST_YEAR, LAST_YEAR + 1))
        written = 0
        for year in years[:-1]:
            self.annual_report(year)
            written += 1
        if self.foreign:
            written += self.foreign_interpretations(self.count - written)
        kinds, weights = zip(*MIX)
        while written < self.count:
            kind = self.rng.choices(kinds, weights)[0]
            year = self.rng.choice(years)
            paired = {"policy": self.policy_with_interpretation, "consultation": self.consultation_with_feedback}
            if kind in paired and self.count - written >= 2:
                written += paired[kind](year)
            elif kind not in paired:
                written += self.simple(kind, year)
            else:
                written += self.simple("notice", year)


def host_config(plain: bool) -> dict:
    """The example's mkdocs.yml, made to build the generated content with this repository's theme."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"], config["site_dir"] = "content", "site"
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    if plain:
        config["plugins"] = [{"search": {"lang": "zh"}}]
        config["theme"].pop("custom_dir")
        config["extra_css"] = []
    else:
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "disclosure" in plugin:
                plugin["disclosure"].pop("search_dictionary", None)
    return config


def write_yaml(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_home(root: Path, name: str) -> None:
    (root / "content" / "index.md").write_text(f"---\ntitle: 政府信息公开\n---\n\n{name}主动公开的政府信息。\n",
                                                encoding="utf-8")


def lay_out(root: Path, plain: bool) -> None:
    """mkdocs.yml, catalogue.yaml and the home page around the generated content."""
    if not plain:
        shutil.copy(REPO / "catalogue.yaml", root / "catalogue.yaml")
    write_yaml(root / "mkdocs.yml", host_config(plain))
    write_home(root, EXAMPLE.name)


def fresh(root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    (root / "content").mkdir(parents=True)


def generate(count: int, root: Path, plain: bool = False) -> Path:
    fresh(root)
    Writer(count, root / "content", plain).generate()
    lay_out(root, plain)
    return root


# --- a platform: the government and its departments ----------------------------------------------

GOVERNMENT = Profile("示例市人民政府", "SZF0001", "示政", "市政府")
# Departments of a city government (name after 示例市, 机关代字); a platform of more repeats them by round.
BUREAUS = [("应急管理局", "示应急"), ("教育局", "示教"), ("民政局", "示民"), ("财政局", "示财"),
           ("人力资源和社会保障局", "示人社"), ("自然资源和规划局", "示自然资源"), ("生态环境局", "示环"),
           ("住房和城乡建设局", "示建"), ("交通运输局", "示交"), ("水利局", "示水"), ("农业农村局", "示农"),
           ("商务局", "示商"), ("文化和旅游局", "示文旅"), ("卫生健康委员会", "示卫健"), ("市场监督管理局", "示市监"),
           ("医疗保障局", "示医保"), ("统计局", "示统"), ("城市管理局", "示城管"), ("司法局", "示司"), ("审计局", "示审")]
INTERPRETING_EVERY = 3   # every third department interprets some of the government's policies


@dataclass(frozen=True)
class Department:
    id: str
    group: str
    profile: Profile


def department(number: int) -> Department:
    """The number-th department (from 1): mostly 政府部门, every tenth a 县区, every tenth a 乡镇街道."""
    prefix, ident = f"D{number:04d}", f"d{number:03d}"
    if number % 10 == 0:
        return Department(ident, "县区", Profile(f"示例市第{number // 10}区人民政府", prefix, "示区政", "区政府"))
    if number % 10 == 9:
        return Department(ident, "乡镇街道", Profile(f"示例市第{number // 10 + 1}街道办事处", prefix, "示街",
                                                   "街道办事处"))
    base, code = BUREAUS[(number - 1) % len(BUREAUS)]
    round_ = (number - 1) // len(BUREAUS)
    name = f"示例市{base}" + (f"（第{round_ + 1}组）" if round_ else "")
    return Department(ident, "政府部门", Profile(name, prefix, code, "市" + base))


def platform_catalogue(departments: list[Department]) -> dict:
    """The example agency's types and tree as the platform's standard tree, the government as agency."""
    data = yaml.safe_load((REPO / "catalogue.yaml").read_text(encoding="utf-8"))
    data["agency"].update(name=GOVERNMENT.name, index_pattern=GOVERNMENT.index_pattern)
    data["departments"] = [{"id": d.id, "name": d.profile.name, "group": d.group,
                            "index_pattern": d.profile.index_pattern} for d in departments]
    return data


def generate_platform(departments: int, count: int, root: Path) -> Path:
    """A platform repository: the government and `departments` departments, `count` documents each."""
    fresh(root)
    government = Writer(count, root / "content", False, GOVERNMENT, seed=f"platform:gov:{count}")
    government.generate()
    units = [department(number) for number in range(1, departments + 1)]
    for number, unit in enumerate(units, 1):
        foreign = tuple(government.policies) if number % INTERPRETING_EVERY == 0 else ()
        Writer(count, root / "content" / unit.id, False, unit.profile, seed=f"platform:{unit.id}:{count}",
               foreign=foreign).generate()
    write_yaml(root / "catalogue.yaml", platform_catalogue(units))
    write_yaml(root / "mkdocs.yml", host_config(False))
    write_home(root, GOVERNMENT.name)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("root", type=Path)
    parser.add_argument("--plain", action="store_true", help="the same pages for plain mkdocs-material")
    parser.add_argument("--platform", type=int, metavar="DEPTS",
                        help="a platform: the government and DEPTS departments, `count` documents each")
    args = parser.parse_args()
    if args.platform is not None:
        if args.plain:
            parser.error("--plain and --platform cannot be combined")
        generate_platform(args.platform, args.count, args.root)
    else:
        generate(args.count, args.root, args.plain)


if __name__ == "__main__":
    main()
