"""factory_boy factories for test data. They build rows directly: test set-up is not a user write."""

import factory
from factory.django import DjangoModelFactory

from mieux.models import User
from mieux.roles import Role
from partners.choices import DepartmentKind, Gender, InstitutionType, RosterStatus
from partners.models import CoordinationMechanism, Department, Expert, Institution, Person

PASSWORD = "correct-horse-battery-9"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@mieux.test")
    full_name = factory.Faker("name")
    role = Role.PROGRAMME_OFFICER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class InstitutionFactory(DjangoModelFactory):
    class Meta:
        model = Institution

    name_en = factory.Sequence(lambda n: f"Ministry of Migration {n}")
    acronym = factory.Sequence(lambda n: f"MM{n}")
    type = InstitutionType.NATIONAL_AUTHORITY
    country = "MX"


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    institution = factory.SubFactory(InstitutionFactory)
    kind = DepartmentKind.TRAINING_UNIT
    name = factory.Sequence(lambda n: f"Training unit {n}")


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    gender = Gender.FEMALE
    institution = factory.SubFactory(InstitutionFactory)
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    languages = factory.LazyFunction(lambda: ["en", "es"])


class CoordinationMechanismFactory(DjangoModelFactory):
    class Meta:
        model = CoordinationMechanism
        skip_postgeneration_save = True

    name_en = factory.Sequence(lambda n: f"Inter-agency working group {n}")
    country = "MX"

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.members.set(extracted)


class ExpertFactory(DjangoModelFactory):
    class Meta:
        model = Expert

    person = factory.SubFactory(PersonFactory)
    member_state = "DE"
    expertise_areas = factory.LazyFunction(lambda: ["IMT"])
    roster_status = RosterStatus.ACTIVE
