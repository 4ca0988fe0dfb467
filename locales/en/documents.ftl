# The ИОМ on paper (handlers/route/docx.py): lines added for the school's form (issue 15)
route-doc-statuses = Statuses (mentor, methodologist)
route-doc-education = Education
route-doc-diag-kind = Diagnosis: { $kind ->
    [external] external assessment
   *[self] self-assessment
} (instrument «{ $instrument }», version { $version })
route-doc-hours = { $hours } h
route-doc-date-line = date ____________ 20___
