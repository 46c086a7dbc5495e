"""Version 1 of the two consent texts; later wordings are added as new versions."""

from django.db import migrations

TEXTS = {
    "listing": (
        "Ik geef toestemming om dit project te tonen aan de andere deelnemers van Leerkring: "
        "titel, organisatie, beschrijving, fasen, lessen en documenten. Ik kan dit op elk "
        "moment intrekken; het project verdwijnt dan meteen uit de catalogus.",
        "I agree that this project is shown to the other participants of Leerkring: title, "
        "organisation, description, phases, lessons and documents. I can withdraw this at any "
        "time; the project then disappears from the catalogue at once.",
    ),
    "contact": (
        "Ik geef toestemming om de naam, het e-mailadres en het telefoonnummer van de "
        "contactpersoon bij dit project te tonen aan de andere deelnemers. Zonder deze "
        "toestemming kunnen zij alleen een bericht sturen via Leerkring.",
        "I agree that the name, email address and phone number of this project's contact "
        "person are shown to the other participants. Without this consent they can only send "
        "a message through Leerkring.",
    ),
}


def create(apps, schema_editor):
    ConsentText = apps.get_model("catalogue", "ConsentText")
    for kind, (nl, en) in TEXTS.items():
        ConsentText.objects.get_or_create(kind=kind, version=1,
                                          defaults={"text_nl": nl, "text_en": en})


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
