"""The circular ambition map: five goals (A–E), each with its strategies.

Reference data used by the project catalogue. Labels exist in both languages
here rather than in the message catalogue because they are domain terms with
fixed, agreed wordings in each language.
"""

from dataclasses import dataclass

from django.utils.translation import get_language


@dataclass(frozen=True)
class Labelled:
    code: str
    label_en: str
    label_nl: str

    @property
    def label(self):
        return self.label_nl if (get_language() or "nl").startswith("nl") else self.label_en

    def __str__(self):
        return f"{self.code} {self.label}"


@dataclass(frozen=True)
class Strategy(Labelled):
    goal_code: str


@dataclass(frozen=True)
class Goal(Labelled):
    strategies: tuple


def _goal(code, en, nl, strategies):
    numbered = enumerate(strategies, start=1)
    members = tuple(Strategy(f"{code}{i}", s_en, s_nl, code) for i, (s_en, s_nl) in numbered)
    return Goal(code, en, nl, members)


GOALS = (
    _goal("A", "Reduce total amount of materials", "Totale hoeveelheid materialen reduceren", [
        ("Internal sharing", "Intern delen"),
        ("Renting or peer-to-peer sharing", "Huren of peer to peer delen"),
        ("Reuse, refurbishing or upgrading", "Hergebruik, refurbishing of upgraden"),
        ("Minimal use of materials in design", "Minimaal gebruik van materiaal in ontwerp"),
        ("Less waste", "Minder afval"),
    ]),
    _goal("B", "Reduce virgin (non-renewable) inputs",
          "Niet-hernieuwbare virgin input reduceren", [
        ("Understanding the share of recycled, biobased and virgin materials",
         "Inzicht in aandeel recycled, biobased en virgin materialen"),
        ("Increase recycled content", "Aandeel recycled content verhogen"),
        ("Increase biobased content", "Aandeel biobased content verhogen"),
    ]),
    _goal("C", "Extend the useful life", "Gebruiksduur verlengen", [
        ("Extending guarantees", "Garanties oprekken"),
        ("Contractual arrangements for maintenance and repair",
         "Contractuele afspraken onderhoud en herstel"),
        ("Upgradable products", "Upgradebare producten"),
        ("Design for longevity", "Ontwerpen voor lange levensduur"),
        ("Repairability and maintainability", "Repareerbaarheid en onderhoudbaarheid"),
        ("Modular, change-oriented design", "Modulair, veranderingsgericht ontwerp"),
        ("Contractual incentives to extend useful life",
         "Contractueel stimuleren van gebruiksduurverlenging"),
        ("Supplier guidance for use optimisation",
         "Advies over gebruiksoptimalisatie door leverancier"),
    ]),
    _goal("D", "Maximise reuse of products and components",
          "Potentieel hergebruik van product of component maximaliseren", [
        ("Design for disassembly", "Ontwerpen voor demontage"),
        ("Modular design", "Modulair ontwerp"),
        ("Standardised design", "Gestandaardiseerd ontwerp"),
        ("Understanding internal composition and connections",
         "Inzicht in samenstelling en verbindingen"),
        ("Contractual take-back and reuse", "Contractuele afspraken terugname en hergebruik"),
        ("Stimulate circular business models", "Circulaire verdienmodellen stimuleren"),
    ]),
    _goal("E", "Maximise reuse or recyclability of materials",
          "Potentieel hergebruik van materiaal maximaliseren", [
        ("Design for recycling", "Ontwerpen voor recyclage"),
        ("Understanding materials", "Inzicht in materialen"),
        ("Contractual take-back and recycling", "Contractuele afspraken terugname en recyclage"),
        ("Reduce or ban toxicity", "Verminderen van toxiciteit"),
        ("Biologically degradable or compostable", "Biologisch afbreekbaar of composteerbaar"),
        ("Stimulate circular business models", "Circulaire verdienmodellen stimuleren"),
    ]),
)

STRATEGIES = {s.code: s for goal in GOALS for s in goal.strategies}


def strategy_choices():
    """Choices for a form field, grouped by goal, in the active language."""
    return [(str(goal), [(s.code, str(s)) for s in goal.strategies]) for goal in GOALS]
