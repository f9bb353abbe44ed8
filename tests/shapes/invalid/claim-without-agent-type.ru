# A claim that does not say what kind of agent made it.
# expect: Violation claim:sign-vaginal-bleeding biolink:agent_type MinCount shape:Claim-agentType
DELETE WHERE { claim:sign-vaginal-bleeding biolink:agent_type ?agent }
