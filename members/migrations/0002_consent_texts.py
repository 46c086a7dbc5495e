"""Version 1 of the two profile consent texts; later wordings are added as new versions."""

from django.db import migrations

TEXTS = {
    "directory": (
        "Ik geef toestemming om mijn profiel te tonen aan de andere leden van Leerkring: "
        "mijn naam, organisatie, functie, wat ik over mezelf schrijf, mijn expertise, talen, "
        "foto en teams. Ik verschijn dan in de ledenlijst en mijn naam bij forumberichten "
        "verwijst naar mijn profiel. Ik kan dit op elk moment intrekken; mijn profiel "
        "verdwijnt dan meteen.",
        "I agree that my profile is shown to the other members of Leerkring: my name, "
        "organisation, job title, what I write about myself, my expertise, languages, photo "
        "and teams. I then appear in the member directory and my name on forum posts links "
        "to my profile. I can withdraw this at any time; my profile then disappears at once.",
    ),
    "email": (
        "Ik geef toestemming om mijn e-mailadres op mijn profiel te tonen aan de andere "
        "leden. Zonder deze toestemming kunnen zij mij alleen een bericht sturen via "
        "Leerkring, zonder mijn adres te zien.",
        "I agree that my email address is shown on my profile to the other members. Without "
        "this consent they can only send me a message through Leerkring, without seeing my "
        "address.",
    ),
}


def create(apps, schema_editor):
    ConsentText = apps.get_model("members", "ConsentText")
    for kind, (nl, en) in TEXTS.items():
        ConsentText.objects.get_or_create(kind=kind, version=1,
                                          defaults={"text_nl": nl, "text_en": en})


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
